import { describe, expectTypeOf, it } from 'vitest';
import type { handlers } from '../../electron/engine/handlers';
import type { buildBridge } from '../../electron/preload/bridge';
import type { BridgeApi, CHANNEL_NAMES, Channel, Input, Output, PhysStudioApi } from '../../shared/contract';

/**
 * Type-level proof (checked by `npm run typecheck`, which includes test/): every channel in the
 * contract has an engine handler, the preload exposes it, and the typed API has a method for it.
 */
describe('contract coverage', () => {
  it('the engine has exactly one handler per channel', () => {
    expectTypeOf<keyof typeof handlers>().toEqualTypeOf<Channel>();
  });

  it('the preload bridge exposes every channel', () => {
    expectTypeOf<ReturnType<typeof buildBridge>>().toEqualTypeOf<BridgeApi>();
    expectTypeOf<keyof BridgeApi['invoke']>().toEqualTypeOf<Channel>();
    expectTypeOf<(typeof CHANNEL_NAMES)[number]>().toEqualTypeOf<Channel>();
  });

  it('the typed API has a method per channel with the contract types', () => {
    expectTypeOf<PhysStudioApi['models.verify']>().parameter(0).toEqualTypeOf<Input<'models.verify'>>();
    expectTypeOf<PhysStudioApi['system.doctor']>().returns.resolves.toEqualTypeOf<Output<'system.doctor'>>();
  });
});
