import { describe, expect, it } from 'vitest';
import { LOCALES } from '#lib/markets.ts';
import { FLOW_PROMPT_NAMES, flowPromptSsml, speakingSeconds, staticFlowPrompts } from '#lib/speech/index.ts';

describe('staticFlowPrompts', () => {
  const prompts = staticFlowPrompts();

  it('holds every flow prompt in every language, each wording once', () => {
    const files = prompts.map((prompt) => prompt.file);

    expect(new Set(files).size).toBe(files.length);
    for (const locale of LOCALES) {
      for (const name of FLOW_PROMPT_NAMES) {
        expect(prompts.some((prompt) => prompt.locale === locale && prompt.name === name)).toBe(true);
      }
    }
  });

  it("records a menu once with each language offer a line makes: Pakistan's offers Hindi, Bangladesh's nothing", () => {
    const englishIndianMenus = prompts.filter(
      (prompt) => prompt.locale === 'en-IN' && prompt.name === 'menu',
    );

    expect(englishIndianMenus.map((prompt) => [prompt.file, prompt.ssml])).toEqual([
      ['en-IN/menu.offer-hi-IN.wav', flowPromptSsml('menu', 'en-IN', 'hi-IN')],
      ['en-IN/menu.wav', flowPromptSsml('menu', 'en-IN')],
    ]);
    expect(prompts.filter((prompt) => prompt.name === 'goodbye').map((prompt) => prompt.offer)).toEqual(
      LOCALES.map(() => undefined),
    );
  });

  it.each(['menu', 'menuOneOrder'] as const)(
    'says every %s of every line, with its language offer, in about 8 s, with at most four options',
    (name) => {
      for (const prompt of prompts.filter((candidate) => candidate.name === name)) {
        const said = `${prompt.file}: ${speakingSeconds(prompt.ssml, prompt.locale).toFixed(1)} s`;
        expect(speakingSeconds(prompt.ssml, prompt.locale), said).toBeLessThan(8.5);
        expect(prompt.ssml.match(/\b[0-9]\b/g)?.length, said).toBeLessThanOrEqual(4);
      }
    },
  );
});
