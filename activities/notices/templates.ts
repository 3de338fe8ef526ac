import Handlebars from 'handlebars';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import { noticeContexts, type NoticeContext, type TemplateName } from '../../domain/notice-contexts';

export interface RenderedNotice {
  subject: string;
  html: string;
  text: string;
}

const helpers = {
  join: (items: unknown) => (Array.isArray(items) ? items.join(', ') : String(items)),
  count: (items: unknown) => (Array.isArray(items) ? items.length : 0),
  differs: (a: unknown, b: unknown) => a !== b,
};

/** Default location of the templates: `templates/` at the top of the project. */
export const defaultTemplatesDir = path.resolve(__dirname, '..', '..', 'templates');

/**
 * Compiles every notice template once (subject, HTML and text, sharing partials) and renders them after
 * checking the context against the template's schema. `strict` makes a missing plain `{{field}}` throw
 * as a second guard; `knownHelpersOnly` refuses helpers we did not declare.
 */
export function loadTemplates(dir: string = defaultTemplatesDir) {
  const hbs = Handlebars.create();
  const options = { strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])) };
  hbs.registerHelper(helpers);
  const partialsDir = path.join(dir, 'partials');
  for (const file of fs.readdirSync(partialsDir)) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), hbs.compile(fs.readFileSync(path.join(partialsDir, file), 'utf8'), options));
  }
  const compile = (name: string, part: string) => {
    const file = path.join(dir, `${name}.${part}.hbs`);
    if (!fs.existsSync(file)) throw new Error(`template ${name} has no ${part} file (${file})`);
    return hbs.compile(fs.readFileSync(file, 'utf8'), options);
  };
  const compiled = Object.fromEntries(
    (Object.keys(noticeContexts) as TemplateName[]).map((name) => [name, { subject: compile(name, 'subject'), html: compile(name, 'html'), text: compile(name, 'text') }]),
  ) as Record<TemplateName, { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate }>;

  return {
    render<T extends TemplateName>(name: T, context: NoticeContext<T>): RenderedNotice {
      const parsed = noticeContexts[name].safeParse(context);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
        throw ApplicationFailure.create({
          type: 'TEMPLATE_CONTEXT_INVALID',
          message: `notice "${name}" cannot be rendered: ${z.prettifyError(parsed.error)}`,
          nonRetryable: true,
          details: [{ fields }],
        });
      }
      const template = compiled[name];
      return { subject: template.subject(parsed.data).trim(), html: template.html(parsed.data), text: template.text(parsed.data) };
    },
  };
}
export type NoticeRenderer = ReturnType<typeof loadTemplates>;
