import { describe, expect, it } from 'vitest';
import { DEFAULT_KARTLAGGNING_FORM } from './default-form.ts';
import { formDefinitionSchema, validateAnswers } from './form-rules.ts';

const form = formDefinitionSchema.parse(DEFAULT_KARTLAGGNING_FORM);

describe('kartläggning form rules', () => {
  it('accepts the default form', () => {
    expect(form.questions.length).toBeGreaterThan(5);
  });

  it('refuses duplicate question codes, choice questions without options and bad scales', () => {
    const bad = formDefinitionSchema.safeParse({
      name: 'X',
      questions: [
        { id: 'a', label: 'A', type: 'text' },
        { id: 'a', label: 'B', type: 'choice', options: [{ value: 'x', label: 'X' }] },
        { id: 'c', label: 'C', type: 'scale', scale: { min: 5, max: 1 } },
        { id: 'd', label: 'D', type: 'text', options: [{ value: 'x', label: 'X' }] },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('Frågekoden "a" används redan.');
    expect(messages).toContain('En flervalsfråga behöver minst två alternativ.');
    expect(messages).toContain('Skalans lägsta värde måste vara mindre än det högsta.');
    expect(messages).toContain('Bara flervalsfrågor har alternativ.');
  });

  it('validates each answer type with a Swedish message naming the question', () => {
    const { issues } = validateAnswers(
      form.questions,
      {
        utbildningsniva: 'doktor',
        svenska: 9,
        tidigare_arbete: 'ja',
        senast_arbete: '2025-02-30',
        hinder: ['halsa', 'okänt'],
        okand_fraga: 'x',
      },
      1,
    );
    const byId = Object.fromEntries(issues.map((i) => [i.questionId, i.message]));
    expect(byId).toEqual({
      okand_fraga: 'Frågan "okand_fraga" finns inte i formulärets version 1.',
      utbildningsniva: 'Välj ett av alternativen för ”Högsta avslutade utbildning”.',
      svenska: 'Ange ett värde mellan 1 och 5 för ”Hur väl talar du svenska?”.',
      tidigare_arbete: 'Svara ja eller nej på ”Har du arbetat tidigare?”.',
      senast_arbete: 'Ange ett giltigt datum (ÅÅÅÅ-MM-DD) för ”När arbetade du senast?”.',
      hinder: 'Välj bland alternativen för ”Finns det något som gör det svårt att arbeta just nu?”.',
      onskat_arbete: 'Svara på frågan ”Vilket arbete eller vilken utbildning vill du ha?”.',
    });
  });

  it('keeps valid answers, trims text and drops empty ones', () => {
    const { answers, issues } = validateAnswers(
      form.questions,
      {
        utbildningsniva: 'gymnasium',
        svenska: 4,
        tidigare_arbete: false,
        onskat_arbete: '  Undersköterska ',
        andra_sprak: '',
        hinder: ['sprak', 'sprak'],
      },
      1,
    );
    expect(issues).toEqual([]);
    expect(answers).toEqual({
      utbildningsniva: 'gymnasium',
      svenska: 4,
      tidigare_arbete: false,
      onskat_arbete: 'Undersköterska',
      hinder: ['sprak'],
    });
  });
});
