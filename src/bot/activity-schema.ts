import { z } from 'zod';

const id = z.string().min(1).max(512);

/**
 * The minimum an activity needs before it reaches the adapter. Anything less would fail deep inside
 * botbuilder; here it is refused with 400 instead.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(1024),
    channelId: z.string().min(1).max(64),
    from: z.object({ id }).passthrough(),
    conversation: z.object({ id }).passthrough(),
    recipient: z.object({ id }).passthrough(),
    text: z.string().optional(),
    name: z.string().max(256).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(256) }).passthrough()).max(50).optional(),
  })
  .passthrough();
