/**
 * Seed data of the Medplum harness: threads.json (with the expected label of each thread,
 * for tests) turned into the FHIR resources the provider app would hold. Browser-safe.
 */
import type { Communication, Patient, Practitioner, Reference, RelatedPerson, Resource } from '@medplum/fhirtypes';

export type Urgency = 'emergency' | 'urgent' | 'routine';
export type Category = 'symptom' | 'medication' | 'results' | 'scheduling' | 'administrative' | 'acknowledgement';

export interface HarnessMessage {
  /** 'proxy' is a RelatedPerson writing for the patient (a parent, a daughter). */
  from: 'patient' | 'proxy' | 'clinic';
  sentAt: string;
  text: string;
}

export interface HarnessThread {
  /** Id of the thread's parent Communication (what the inbox row links to). */
  id: string;
  patient: { given: string; family: string; birthDate: string; gender: Patient['gender'] };
  proxy: { given: string; family: string; relationship: string } | null;
  subject: string;
  status: 'in-progress' | 'completed';
  /** Expected label of the thread (its latest patient message, in context), per docs/labels.md. */
  urgency: Urgency;
  category: Category;
  lang: string;
  tags: string[];
  messages: HarnessMessage[];
}

export interface HarnessSeed {
  clinician: { id: string; given: string; family: string; prefix: string };
  threads: HarnessThread[];
}

export const patientIdOf = (threadId: string): string => threadId.replace(/^mp-t/, 'mp-patient-');
export const proxyIdOf = (threadId: string): string => threadId.replace(/^mp-t/, 'mp-related-');
export const messageIdOf = (threadId: string, index: number): string => `${threadId}-m${index + 1}`;

/** Milliseconds to add to every date so that the newest message arrived `minutesAgo` before `now`. */
export function dateShift(seed: HarnessSeed, now = Date.now(), minutesAgo = 35): number {
  const newest = Math.max(...seed.threads.flatMap((t) => t.messages.map((m) => Date.parse(m.sentAt))));
  return Number.isFinite(newest) ? now - minutesAgo * 60_000 - newest : 0;
}

export interface SeedResources {
  practitioner: Practitioner & { id: string };
  resources: Resource[];
}

/** Practitioner (the signed-in clinician), Patients, RelatedPersons, and per thread a parent Communication plus one per message. */
export function buildSeedResources(seed: HarnessSeed, shiftMs = 0): SeedResources {
  const iso = (s: string) => new Date(Date.parse(s) + shiftMs).toISOString();
  const c = seed.clinician;
  const practitioner: Practitioner & { id: string } = {
    resourceType: 'Practitioner',
    id: c.id,
    meta: { lastUpdated: iso('2026-01-05T09:00:00Z') },
    name: [{ prefix: [c.prefix], given: [c.given], family: c.family }],
    telecom: [{ system: 'email', value: 'avery.chen@clinic.example' }],
  };
  const clinicianRef: Reference<Practitioner> = { reference: `Practitioner/${c.id}`, display: `${c.prefix} ${c.given} ${c.family}` };
  const resources: Resource[] = [practitioner];

  for (const t of seed.threads) {
    const patientRef: Reference<Patient> = { reference: `Patient/${patientIdOf(t.id)}`, display: `${t.patient.given} ${t.patient.family}` };
    const last = iso(t.messages[t.messages.length - 1]!.sentAt);
    const patient: Patient = {
      resourceType: 'Patient',
      id: patientIdOf(t.id),
      meta: { lastUpdated: iso('2026-01-05T09:00:00Z') },
      active: true,
      name: [{ given: [t.patient.given], family: t.patient.family }],
      birthDate: t.patient.birthDate,
      gender: t.patient.gender,
      generalPractitioner: [clinicianRef],
    };
    resources.push(patient);
    let proxyRef: Reference<RelatedPerson> | undefined;
    if (t.proxy) {
      proxyRef = { reference: `RelatedPerson/${proxyIdOf(t.id)}`, display: `${t.proxy.given} ${t.proxy.family}` };
      resources.push({
        resourceType: 'RelatedPerson',
        id: proxyIdOf(t.id),
        meta: { lastUpdated: iso('2026-01-05T09:00:00Z') },
        patient: patientRef,
        name: [{ given: [t.proxy.given], family: t.proxy.family }],
        relationship: [{ text: t.proxy.relationship }],
      } satisfies RelatedPerson);
    }
    const first = t.messages[0]!;
    const starter = first.from === 'clinic' ? clinicianRef : first.from === 'proxy' && proxyRef ? proxyRef : patientRef;
    const parent: Communication = {
      resourceType: 'Communication',
      id: t.id,
      // Sorting by _lastUpdated (as the provider app does) puts the latest activity first.
      meta: { lastUpdated: last },
      status: t.status,
      topic: { text: t.subject },
      subject: patientRef,
      sender: starter,
      recipient: [patientRef, clinicianRef],
      sent: last,
    };
    resources.push(parent);
    t.messages.forEach((m, i) => {
      const sender = m.from === 'clinic' ? clinicianRef : m.from === 'proxy' && proxyRef ? proxyRef : patientRef;
      const recipient = m.from === 'clinic' ? [patientRef] : [clinicianRef];
      const sent = iso(m.sentAt);
      resources.push({
        resourceType: 'Communication',
        id: messageIdOf(t.id, i),
        meta: { lastUpdated: sent },
        status: 'in-progress',
        partOf: [{ reference: `Communication/${t.id}` }],
        subject: patientRef,
        sender,
        recipient,
        sent,
        payload: [{ contentString: m.text }],
      } satisfies Communication);
    });
  }
  return { practitioner, resources };
}
