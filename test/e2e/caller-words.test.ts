/**
 * Words in each language, through whole calls: Hindustani for the Hindi option of the Pakistan line,
 * gender-neutral Arabic, and names, couriers and language offers said in the voice's script or marked with
 * `<lang>` for it.
 */
import { describe, expect, it } from 'vitest';
import { heard, type SimulatedCall } from '#simulator/call.ts';
import { addOrder, call, newCallerNumber } from './calls.ts';

const AYESHA = '+923001234567';
const FATIMA = '+971501234567';
const DUBAI_LINE = '+97142000000';
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** The SSML of every prompt the caller heard, in order. */
function spoken(result: SimulatedCall): string[] {
  return result.events.flatMap((event) =>
    event.type === 'prompt' && event.to === 'caller' ? [event.ssml] : [],
  );
}

describe('a Pakistani caller who chooses Hindi', () => {
  it('is offered it in Hindi, as Hindi or Urdu, and then hears Hindustani words with the name and courier marked as English', async () => {
    const result = await call(AYESHA, ['9']);

    const [, menu, status] = spoken(result);
    expect(menu).toMatch(/^<speak><s><lang xml:lang="hi-IN">हिंदी या उर्दू के लिए 9 दबाएँ।<\/lang><\/s>/);
    // The name was said once, before the switch; the courier is marked as English.
    expect(spoken(result)[0]).toContain('Ayesha');
    expect(status).toContain('<lang xml:lang="en-IN">TCS</lang>');
    expect(heard(result)[2]).toContain('12,499 रुपये तैयार रखिए।');
    expect(heard(result).join(' ')).not.toMatch(/नमस्ते|जी।|कृपया|धन्यवाद/);
  });
});

describe('a caller on the Dubai line', () => {
  it('hears the order named without "your", in words fit for any caller, and the offer of English marked as English', async () => {
    const result = await call(FATIMA, ['silence', 'hangup'], { to: DUBAI_LINE });

    const [status, menu] = heard(result);
    expect(status).toMatch(/^(تم تأكيد الطلب|استلمنا الطلب).* شكرًا يا فاطمة\.$/);
    expect(`${status} ${menu}`).not.toMatch(/طلبك|اضغط|يصلك/);
    expect(spoken(result)[1]).toMatch(
      /^<speak><s><lang xml:lang="en-GB">For English, press 9\.<\/lang><\/s>/,
    );
  });

  it('who switches to English hears no Arabic script from Amy: no Arabic name, and Arabic offered in English', async () => {
    const result = await call(FATIMA, ['9', 'silence', 'hangup'], { to: DUBAI_LINE });

    const english = heard(result).slice(2);
    expect(english.length).toBeGreaterThan(1);
    expect(english.filter((text) => ARABIC_SCRIPT.test(text))).toEqual([]);
    expect(english[0]).not.toMatch(/^Hello/);
    expect(english[1]).toMatch(/^For Arabic, press 9\./);
  });

  it('whose name is in Latin script hears Hala say it marked as English', async () => {
    const phone = newCallerNumber();
    await addOrder(phone);

    const result = await call(phone, ['hangup'], { to: DUBAI_LINE });

    expect(spoken(result)[0]).toMatch(/<s>شكرًا يا <lang xml:lang="en-GB">Zara<\/lang>\.<\/s><\/speak>$/);
  });
});
