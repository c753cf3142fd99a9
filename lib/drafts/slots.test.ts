import { describe, expect, it } from 'vitest';
import { fillSlots, findDate, findMedication, firstNameOf, slotValues } from './slots';

const settings = { clinicianName: 'Dr. Avery Chen', signOff: '', clinicPhone: '(555) 010-0200', practiceName: 'Riverside Family Medicine' };

describe('slots from the message', () => {
  it('finds the medicine and the dose exactly as written', () => {
    expect(findMedication('hi can i get a refil on my zoloft 50 mg i have like a week left')).toEqual({ name: 'zoloft', dose: '50 mg' });
    expect(findMedication('pls send rx atorvastatin 40 to cvs on main')).toEqual({ name: 'atorvastatin', dose: '40' });
    expect(findMedication('I take 34 units of Lantus at bedtime')).toEqual({ name: 'Lantus', dose: null });
    expect(findMedication('out of my Eliquis 5mg as of this morning')).toEqual({ name: 'Eliquis', dose: '5mg' });
    expect(findMedication('necesito resurtido de mi losartán de 50 mg')).toEqual({ name: 'losartán', dose: '50 mg' });
    expect(findMedication('I have about 3 weeks of Tresiba 2 weeks left')).toEqual({ name: 'Tresiba', dose: null });
    expect(findMedication('Can I get a refill please')).toBeNull();
    expect(findMedication('Lisinopril refill\nHi, could you please renew my lisinopril 20 mg?')).toEqual({ name: 'lisinopril', dose: '20 mg' });
  });

  it('greets the sender by first name, without titles or relationships', () => {
    expect(firstNameOf('Laura Russell (mother)')).toBe('Laura');
    expect(firstNameOf('Okafor, Brenda')).toBe('Brenda');
    expect(firstNameOf('Mr. Raj Malhotra')).toBe('Raj');
    expect(firstNameOf('')).toBeNull();
    expect(firstNameOf('patient portal user 123')).toBeNull();
  });

  it('finds dates as written, in English and Spanish', () => {
    expect(findDate('They need it back by December 15.')).toBe('December 15');
    expect(findDate('estuve en consulta el jueves 5 de noviembre')).toBe('jueves 5 de noviembre');
    expect(findDate('can I come in on Tuesday afternoon')).toBe('Tuesday');
    expect(findDate('no date here')).toBeNull();
  });

  it('fills slots from the message and the settings, and leaves a visible placeholder for what is missing', () => {
    const v = slotValues({ subject: 'rx', body: 'pls send rx atorvastatin 40 to cvs, cholesterol was fine', sender: 'Raj Malhotra' }, settings, 'en');
    expect(v).toEqual({
      firstName: 'Raj',
      medication: 'atorvastatin 40',
      medicationName: 'atorvastatin',
      test: 'cholesterol',
      clinicianName: 'Dr. Avery Chen',
      clinicPhone: '(555) 010-0200',
      practiceName: 'Riverside Family Medicine',
    });
    expect(fillSlots('Refill of {medication} sent. Call {clinicPhone}.', v, 'en')).toBe('Refill of atorvastatin 40 sent. Call (555) 010-0200.');
    const none = slotValues({ subject: 'Refill', body: 'refill pls', sender: 'Gladys Whitmore' }, { ...settings, clinicPhone: '' }, 'en');
    expect(fillSlots('Refill of {medication} sent. Call {clinicPhone}.', none, 'en')).toBe('Refill of [[medication and dose]] sent. Call [[clinic phone]].');
    const noDose = slotValues({ subject: '', body: 'I need more Lantus please', sender: 'Kevin O’Donnell' }, settings, 'en');
    expect(noDose.medication).toBe('Lantus [[dose]]');
    expect(fillSlots('We got your {form} form.', {}, 'en')).toBe('We got your form.');
  });

  it('uses Spanish names and placeholders for Spanish drafts', () => {
    const v = slotValues({ subject: 'resultados', body: 'Vi mis resultados y dice colesterol total 245.', sender: 'Rosa Elena Paredes' }, settings, 'es');
    expect(v.test).toBe('colesterol');
    expect(v.firstName).toBe('Rosa');
    expect(fillSlots('Su {medication}.', {}, 'es')).toBe('Su [[medicamento y dosis]].');
  });
});
