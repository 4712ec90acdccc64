import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../../functions/src/domain/playbook.js';
import { en } from '../../../app/src/i18n/en.js';
import { es } from '../../../app/src/i18n/es.js';
import { ptBR } from '../../../app/src/i18n/ptBR.js';

describe('action labels', () => {
  it.each([['en', en], ['es', es], ['pt-BR', ptBR]] as const)('%s names every action type the engine can propose', (_locale, table) => {
    const missing = ACTION_TYPES.filter((type) => !(`actionType.${type}` in table));
    expect(missing).toEqual([]);
  });
});
