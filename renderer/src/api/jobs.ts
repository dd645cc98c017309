/** Job ids are chosen by the UI so progress events and cancel can refer to a job before it answers. */
export function newJobId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
