import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connection } from './api/client';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

if ('error' in connection) {
  root.render(
    <main className="fatal" role="alert">
      <h1>PhysStudio cannot reach its engine</h1>
      <p>{connection.error}</p>
    </main>,
  );
} else {
  root.render(
    <StrictMode>
      <App host={connection.host} />
    </StrictMode>,
  );
}
