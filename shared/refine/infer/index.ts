import type { Conditions } from '../conditions';
import type { Context } from '../schema';
import { chemistry } from './chemistry';
import { type Ctx, type Inference, isLiquid, type Thing } from './common';
import { fluids, liquids } from './liquids';
import { impact, pressure, rollingAndSliding, tipping } from './mechanics';
import { optics } from './optics';
import { fire, moisture, thermal } from './thermal';

export type { Inference, Inferred, Thing } from './common';

/** Runs every rule over the things and conditions; rules see earlier rules' events. */
export function infer(things: Thing[], conditions: Conditions, context: Context): Inference {
  const ctx: Ctx = { c: conditions, things, context, events: [], nonEvents: [], ruledOut: new Set() };
  fire(ctx);
  thermal(ctx);
  liquids(ctx);
  moisture(ctx);
  impact(ctx);
  tipping(ctx);
  rollingAndSliding(ctx);
  optics(ctx);
  chemistry(ctx);
  pressure(ctx);
  fluids(ctx);
  // A "melted" or "molten" starting state is not melting; a freezing word with no liquid freezes nothing.
  if (ctx.events.some((e) => e.id === 'solidification') && !ctx.events.some((e) => e.id === 'melting')) ctx.ruledOut.add('melting');
  if (!things.some(isLiquid) && !ctx.events.some((e) => e.id === 'solidification')) ctx.ruledOut.add('solidification');
  if (ctx.events.some((e) => e.id === 'dehydration') && things.some((t) => t.material === 'sulfuric acid')) ctx.ruledOut.add('acidity');
  return { events: ctx.events, nonEvents: ctx.nonEvents, ruledOut: ctx.ruledOut };
}
