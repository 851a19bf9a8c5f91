/** What a caller hears, as readable text: the words of a `<speak>` document, digits read one by one in brackets. */
export function transcript(ssml: string): string {
  return ssml
    .replace(
      /<say-as interpret-as="digits">(\d+)<\/say-as>/g,
      (_, digits: string) => `[${[...digits].join(' ')}]`,
    )
    .replace(/<\/s>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '&',
    )
    .replace(/\s+/g, ' ')
    .trim();
}
