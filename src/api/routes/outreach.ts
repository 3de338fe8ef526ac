import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { outreachEventSchema, outreachOutcomeSchema } from '../../../domain/outreach';
import { actorOf, guard } from '../auth';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, signedIn } from '../contract/responses';

const eventParams = z.object({ eventId: z.string().regex(/^OUT-\d{1,12}$/i, { error: 'an event ID is OUT- and a number, e.g. OUT-4' }) });
const dayQuery = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as YYYY-MM-DD' });

/** An event is recorded once held (its attendance is known): refused with the field when dated after today. */
function requireHeld(date: string, today: string): void {
  if (date > today) throw new TakedownError('VALIDATION_FAILED', `date: ${date} is after today (${today}); record an event once it has been held`, { date: [`on or before ${today}: an event is recorded with its attendance once held`] });
}

/** Outreach and education (issue 16, item 4): coordinators record events and their outcomes; staff read them. */
export function outreachRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { outreach } = deps;
  const now = () => new Date().toISOString();

  app.get('/api/outreach', {
    schema: {
      tags: ['outreach'], summary: 'Outreach and training events held in a period (newest first), each with its outcomes',
      querystring: z.object({ from: dayQuery.default('0000-01-01'), to: dayQuery.optional().describe('exclusive; default: no end'), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: answers({ 200: bodies.eventList }, signedIn),
    },
    preValidation: guard(deps, csrf, 'viewOutreach'),
  }, async (request) => ({ events: outreach.list(request.query.from, request.query.to ?? '9999-12-31', request.query.limit) }));

  app.get('/api/outreach/:eventId', {
    schema: {
      tags: ['outreach'], summary: 'One outreach event and its outcomes',
      params: eventParams, response: answers({ 200: bodies.eventBody }, [...signedIn, 404]),
    },
    preValidation: guard(deps, csrf, 'viewOutreach'),
  }, async (request) => outreach.get(request.params.eventId));

  app.post('/api/outreach', {
    schema: {
      tags: ['outreach'], summary: 'Record an outreach or training event: date, partner organisations, audience, attendance, topic',
      body: outreachEventSchema, response: answers({ 201: bodies.eventBody }, signedIn),
    },
    preValidation: guard(deps, csrf, 'recordOutreach'),
  }, async (request, reply) => {
    const at = now();
    requireHeld(request.body.date, at.slice(0, 10));
    return reply.code(201).send(outreach.add(request.body, actorOf(request), at));
  });

  app.post('/api/outreach/:eventId/outcomes', {
    schema: {
      tags: ['outreach'], summary: 'Record a positive outcome of an event (e.g. a platform changed its listing policy), linked to the event',
      params: eventParams, body: outreachOutcomeSchema,
      response: answers({ 201: bodies.eventBody.describe('the event with the outcome recorded') }, [...signedIn, 404]),
    },
    preValidation: guard(deps, csrf, 'recordOutreach'),
  }, async (request, reply) => {
    const at = now();
    if (request.body.date > at.slice(0, 10)) throw new TakedownError('VALIDATION_FAILED', `date: ${request.body.date} is after today`, { date: [`on or before ${at.slice(0, 10)}: record an outcome once it is seen`] });
    return reply.code(201).send(outreach.addOutcome(request.params.eventId, request.body, actorOf(request), at));
  });
}
