import { describe, expect, it } from 'vitest';
import { checkSsml, type Engine, SsmlError } from '#lib/speech/ssml-check.ts';

const ENGINES: Engine[] = ['standard', 'neural', 'long-form', 'generative'];

/** Each piece of SSML with the engines that accept it (Polly's "Supported SSML tags" table). */
const SUPPORT: [string, Engine[]][] = [
  ['<emphasis level="strong">now</emphasis>', ['standard']],
  ['<prosody pitch="high">up</prosody>', ['standard']],
  ['<prosody amazon:max-duration="2s">quick</prosody>', ['standard']],
  ['<amazon:effect name="whispered">psst</amazon:effect>', ['standard']],
  ['<amazon:effect phonation="soft">soft</amazon:effect>', ['standard']],
  ['<amazon:effect vocal-tract-length="+10%">big</amazon:effect>', ['standard']],
  ['<amazon:effect name="drc">loud</amazon:effect>', ['standard', 'neural', 'long-form']],
  ['<amazon:auto-breaths>long text</amazon:auto-breaths>', ['standard']],
  ['Hello <amazon:breath duration="long"/> there', ['standard']],
  ['<amazon:domain name="news">Headline</amazon:domain>', ['neural']],
  ['<say-as interpret-as="characters">TCS</say-as>', ['standard', 'long-form', 'generative']],
  ['<say-as interpret-as="spell-out">TCS</say-as>', ['standard', 'long-form', 'generative']],
  ['<prosody rate="slow">Hello.</prosody>', ['standard', 'neural', 'long-form']],
  ['<prosody volume="loud"><s>Hello.</s></prosody>', ENGINES],
  ['<say-as interpret-as="digits">0001</say-as>', ENGINES],
  ['<say-as interpret-as="date" format="dmy">25-11-2026</say-as>', ENGINES],
  ['<break time="10s"/><break strength="x-strong"/>', ENGINES],
  ['<lang xml:lang="hi-IN">नमस्ते</lang>', ENGINES],
  ['<p><s>One.</s><s>Two.</s></p>', ENGINES],
  ['<mark name="here"/><sub alias="Amazon Web Services">AWS</sub>', ENGINES],
  ['<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme>', ENGINES],
  ['<w role="amazon:VBD">read</w>', ENGINES],
];

describe('checkSsml', () => {
  describe.each(SUPPORT)('%s', (fragment, accepting) => {
    it.each(ENGINES)('is accepted only by the engines that support it: %s', (engine) => {
      const check = () => checkSsml(`<speak>${fragment}</speak>`, engine);

      if (accepting.includes(engine)) expect(check).not.toThrow();
      else expect(check).toThrow(SsmlError);
    });
  });

  it('says which tag the engine does not support', () => {
    expect(() => checkSsml('<speak><emphasis>now</emphasis></speak>', 'neural')).toThrow(
      new SsmlError('<emphasis> is not supported by neural voices'),
    );
    expect(() => checkSsml('<speak><prosody pitch="high">up</prosody></speak>', 'neural')).toThrow(
      new SsmlError('<prosody pitch> is not supported by neural voices'),
    );
    expect(() =>
      checkSsml('<speak><amazon:effect name="whispered">a</amazon:effect></speak>', 'neural'),
    ).toThrow(new SsmlError('<amazon:effect name="whispered"> is not supported by neural voices'));
  });

  it.each([
    [
      'a tag Polly does not know',
      '<speak><audio src="x.mp3"/></speak>',
      '<audio> is not an SSML tag Polly knows',
    ],
    ['a tag Polly does not support at all', '<speak><voice name="Joanna">hi</voice></speak>', '<voice>'],
    ['an unknown attribute', '<speak><break length="1s"/></speak>', '<break> has no attribute length'],
    ['a break over 10 s', '<speak><break time="11s"/></speak>', 'time must be a time up to 10 s'],
    ['a rate over 200%', '<speak><prosody rate="300%">x</prosody></speak>', 'rate must be x-slow'],
    [
      'an unknown interpret-as',
      '<speak><say-as interpret-as="money">5</say-as></speak>',
      'interpret-as is one of',
    ],
    ['say-as without interpret-as', '<speak><say-as>5</say-as></speak>', 'needs the attribute interpret-as'],
    ['prosody without attributes', '<speak><prosody>x</prosody></speak>', 'needs at least one attribute'],
    ['a break with content', '<speak><break time="1s">x</break></speak>', '<break> must be empty'],
    [
      'tags inside say-as',
      '<speak><say-as interpret-as="digits"><s>1</s></say-as></speak>',
      'may hold only text',
    ],
    ['a speak inside speak', '<speak><speak>x</speak></speak>', '<speak> may only be the root'],
    ['a root other than speak', '<s>Hello</s>', 'must be a <speak> element'],
  ])('rejects %s', (_, ssml, message) => {
    expect(() => checkSsml(ssml, 'standard')).toThrow(message);
  });

  it.each([
    ['an empty document', ''],
    ['plain text', 'Hello'],
    ['an unclosed tag', '<speak>Hello'],
    ['a mismatched closing tag', '<speak><s>Hello</p></speak>'],
    ['a bare ampersand', '<speak>Fish & Chips</speak>'],
    ['an unknown entity', '<speak>caf&eacute;</speak>'],
    ['a < in text', '<speak>1 < 2</speak>'],
    ['a < in an attribute', '<speak><mark name="a<b"/></speak>'],
    ['an unquoted attribute', '<speak><break time=1s/></speak>'],
    ['a repeated attribute', '<speak><break time="1s" time="2s"/></speak>'],
    [
      'attributes without a space between',
      '<speak><say-as interpret-as="date"format="dmy">1</say-as></speak>',
    ],
    ['text after the root', '<speak>Hello</speak> there'],
    ['two roots', '<speak>a</speak><speak>b</speak>'],
    ['a comment', '<speak><!-- note -->Hello</speak>'],
    ['CDATA', '<speak><![CDATA[Hello]]></speak>'],
    ['an XML declaration', '<?xml version="1.0"?><speak>Hello</speak>'],
    ['a control character', '<speak>Hello\u0007</speak>'],
    ['a reference to a control character', '<speak>Hello&#7;</speak>'],
  ])('rejects malformed XML: %s', (_, ssml) => {
    expect(() => checkSsml(ssml, 'standard')).toThrow(/^malformed SSML at character \d+: /);
  });

  it('accepts entities, character references and whitespace around the root', () => {
    expect(() =>
      checkSsml('\n<speak>Fish &amp; Chips &#x1F41F; &#233; &quot;x&quot;</speak>\n', 'neural'),
    ).not.toThrow();
  });

  it('rejects more text than Polly takes in one request', () => {
    expect(() => checkSsml(`<speak>${'a'.repeat(3001)}</speak>`, 'neural')).toThrow(
      'characters of text; Polly takes at most 3000',
    );
  });
});
