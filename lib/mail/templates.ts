import Handlebars from 'handlebars';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import { noticeContexts, templateNames, type NoticeContext, type TemplateName } from '../../domain/notice-contexts';

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
 * as a second guard; `knownHelpersOnly` refuses helpers we did not declare. Only HTML is escaped: a text
 * part or a subject with `&amp;` in a registrar's name would be wrong in a legal notice.
 */
export function loadTemplates(dir: string = defaultTemplatesDir) {
  const hbs = Handlebars.create();
  const base = { strict: true, knownHelpersOnly: true, knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])) };
  const optionsFor = (file: string) => ({ ...base, noEscape: !file.endsWith('.html.hbs') });
  hbs.registerHelper(helpers);
  const partialsDir = path.join(dir, 'partials');
  for (const file of fs.readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), hbs.compile(fs.readFileSync(path.join(partialsDir, file), 'utf8'), optionsFor(file)));
  }
  const compile = (name: string, part: 'subject' | 'html' | 'text') => {
    const file = path.join(dir, `${name}.${part}.hbs`);
    if (!fs.existsSync(file)) throw new Error(`template ${name} has no ${part} file (${file})`);
    const template = hbs.compile(fs.readFileSync(file, 'utf8'), optionsFor(file));
    return template;
  };
  type Compiled = { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };
  const compiled = Object.fromEntries(templateNames.map((name) => [name, { subject: compile(name, 'subject'), html: compile(name, 'html'), text: compile(name, 'text') }])) as Record<TemplateName, Compiled>;

  return {
    render<T extends TemplateName>(name: T, context: NoticeContext<T>): RenderedNotice {
      const parsed = noticeContexts[name].safeParse(context);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
        throw ApplicationFailure.create({
          type: 'TEMPLATE_CONTEXT_INVALID',
          message: `notice "${name}" cannot be rendered, missing or invalid: ${fields.join(', ')}. ${z.prettifyError(parsed.error)}`,
          nonRetryable: true,
          details: [{ template: name, fields }],
        });
      }
      const template = compiled[name];
      // Templates are compiled lazily by Handlebars: a strict-mode miss surfaces here, named by the error.
      return { subject: template.subject(parsed.data).replace(/\s+/g, ' ').trim(), html: template.html(parsed.data), text: template.text(parsed.data) };
    },
  };
}
export type NoticeRenderer = ReturnType<typeof loadTemplates>;
