import { Module } from '@nestjs/common';
import { RulecastConfig } from '../config';
import { TemplateLibrary } from './template-library';
import { TemplateRenderer } from './template-renderer';

/** Loads and renders the email templates of `RulecastConfig.templatesDir`. */
@Module({
  providers: [
    { provide: TemplateLibrary, useFactory: (config: RulecastConfig) => new TemplateLibrary(config.templatesDir), inject: [RulecastConfig] },
    { provide: TemplateRenderer, useFactory: (library: TemplateLibrary) => new TemplateRenderer(library), inject: [TemplateLibrary] },
  ],
  exports: [TemplateLibrary, TemplateRenderer],
})
export class TemplatesModule {}
