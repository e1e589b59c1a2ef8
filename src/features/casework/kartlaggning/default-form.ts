import type { z } from 'zod';
import type { formDefinitionSchema } from './form-rules.ts';

/** The form a new organisation starts with (the demo loads it); the unit edits it into new versions. */
export const DEFAULT_KARTLAGGNING_FORM: z.input<typeof formDefinitionSchema> = {
  name: 'Kartläggning – arbete och studier',
  description: 'Grundläggande kartläggning vid start. Fyll i den tillsammans med deltagaren.',
  questions: [
    {
      id: 'utbildningsniva',
      section: 'Utbildning och språk',
      label: 'Högsta avslutade utbildning',
      type: 'choice',
      required: true,
      options: [
        { value: 'ej_grundskola', label: 'Ingen avslutad grundskola' },
        { value: 'grundskola', label: 'Grundskola' },
        { value: 'gymnasium', label: 'Gymnasium' },
        { value: 'eftergymnasial', label: 'Eftergymnasial utbildning' },
      ],
    },
    {
      id: 'svenska',
      section: 'Utbildning och språk',
      label: 'Hur väl talar du svenska?',
      type: 'scale',
      required: true,
      scale: { min: 1, max: 5, minLabel: 'Inte alls', maxLabel: 'Mycket bra' },
    },
    {
      id: 'andra_sprak',
      section: 'Utbildning och språk',
      label: 'Vilka andra språk talar du?',
      type: 'text',
      required: false,
    },
    {
      id: 'tidigare_arbete',
      section: 'Arbetslivserfarenhet',
      label: 'Har du arbetat tidigare?',
      type: 'yes_no',
      required: true,
    },
    {
      id: 'erfarenhet',
      section: 'Arbetslivserfarenhet',
      label: 'Beskriv dina tidigare arbeten eller praktikplatser',
      type: 'text',
      required: false,
    },
    {
      id: 'senast_arbete',
      section: 'Arbetslivserfarenhet',
      label: 'När arbetade du senast?',
      help: 'Ungefärligt datum räcker.',
      type: 'date',
      required: false,
    },
    {
      id: 'korkort',
      section: 'Förutsättningar',
      label: 'Har du körkort?',
      type: 'yes_no',
      required: false,
    },
    {
      id: 'hinder',
      section: 'Förutsättningar',
      label: 'Finns det något som gör det svårt att arbeta just nu?',
      help: 'Välj alla som stämmer.',
      type: 'multi_choice',
      required: false,
      options: [
        { value: 'halsa', label: 'Hälsa' },
        { value: 'barnomsorg', label: 'Barnomsorg' },
        { value: 'sprak', label: 'Språk' },
        { value: 'boende', label: 'Boende' },
        { value: 'ekonomi', label: 'Ekonomi' },
        { value: 'annat', label: 'Annat' },
      ],
    },
    {
      id: 'dator',
      section: 'Förutsättningar',
      label: 'Har du tillgång till dator eller surfplatta?',
      type: 'yes_no',
      required: false,
    },
    {
      id: 'onskat_arbete',
      section: 'Mål',
      label: 'Vilket arbete eller vilken utbildning vill du ha?',
      type: 'text',
      required: true,
    },
  ],
};
