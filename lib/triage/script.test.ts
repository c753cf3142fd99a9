import { describe, expect, it } from 'vitest';
import { unreadScript } from './script';

describe('unreadScript', () => {
  it('names the script of a message written mostly outside Latin script', () => {
    expect(unreadScript('ألم شديد في الصدر منذ ساعة')).toBe('Arabic');
    expect(unreadScript('我老公刚才在厨房突然晕倒了')).toBe('Chinese');
    expect(unreadScript('薬が切れそうです。ケプラを出してください')).toBe('Japanese'); // kana outnumber kanji
    expect(unreadScript('У меня болит грудь, трудно дышать')).toBe('Cyrillic');
    expect(unreadScript('가슴이 너무 아파요')).toBe('Korean');
  });
  it('is null for English, Spanish and other Latin-script languages, and for a few symbols', () => {
    for (const t of ['Crushing chest pain since an hour', 'Me duele mucho el pecho', 'Tôi bị đau ngực', 'ok', '', '!!! 180/110']) {
      expect(unreadScript(t), t).toBeNull();
    }
  });
  it('goes by the majority: a Latin message quoting a few foreign words stays readable', () => {
    expect(unreadScript('My mother wrote 胸痛 on the note, she has chest pain since this morning')).toBeNull();
    expect(unreadScript('Refill 我的药快吃完了，请帮我续药')).toBe('Chinese');
  });
});
