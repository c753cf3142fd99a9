import { describe, expect, it } from 'vitest';
import { isPlaceholderSubject, triageText } from './types';

describe('triage text', () => {
  it('joins subject and body with whitespace collapsed', () => {
    expect(triageText('  Refill \n', 'my  lisinopril\n\nplease')).toBe('Refill\nmy lisinopril please');
    expect(triageText('', 'body only')).toBe('body only');
    expect(triageText('subject only', '  ')).toBe('subject only');
  });

  it('drops the placeholder an EHR shows for a message without a subject', () => {
    for (const s of ['(no subject)', 'No Subject', '[no subject]', '<No-Subject>', '(sin asunto)', '(untitled)', '(none)', '-', '—']) {
      expect(isPlaceholderSubject(s), s).toBe(true);
      expect(triageText(s, 'chest pain'), s).toBe('chest pain');
      expect(triageText(s, ''), s).toBe('');
    }
  });

  it('keeps real subjects that merely contain those words', () => {
    for (const s of ['No subject line, sorry: chest pain', 'none of my pills work', 'Untitled document from lab', 'no', 'Empty stomach?']) {
      expect(isPlaceholderSubject(s), s).toBe(false);
    }
    expect(triageText('none left', 'metformin')).toBe('none left\nmetformin');
  });
});
