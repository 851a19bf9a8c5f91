/**
 * `template` with the lines between `# BEGIN <section>` and `# END <section>` replaced by `lines`, indented as
 * the markers are: the parts of template.yaml that commands make from bots/ and flows/.
 */
export function withGeneratedSection(template: string, section: string, lines: string[]): string {
  const begin = `# BEGIN ${section}`;
  const end = `# END ${section}`;
  const beginAt = template.indexOf(begin);
  const endAt = template.indexOf(end);
  if (beginAt === -1 || endAt < beginAt) throw new Error(`template.yaml has no "${begin}" … "${end}" lines`);
  const indent = template.slice(template.lastIndexOf('\n', beginAt) + 1, beginAt);
  const body = lines.map((line) => (line ? indent + line : line)).join('\n');
  return `${template.slice(0, beginAt)}${begin}\n${body}\n${indent}${template.slice(endAt)}`;
}
