// @vitest-environment happy-dom
/** The adapters' `readSentReplies` (send detection) on the captured fixture pages. */
import { describe, expect, it } from 'vitest';
import { demoAdapter } from '../adapters/demo';
import { medplumAdapter } from '../adapters/medplum';
import { loadFixture } from '../../tests/fixtures/load';

describe('readSentReplies', () => {
  it('demo: the clinic’s replies after the open message only (an earlier clinic message in the thread is not one)', () => {
    const doc = loadFixture('demo/inbox-open.html', 'http://127.0.0.1:5174/inbox#/page/1/message/m1');
    expect(demoAdapter.readSentReplies!(doc)).toEqual([]);
    const li = doc.createElement('li');
    li.className = 'thread-item';
    li.dataset.from = 'clinic';
    li.innerHTML = '<div class="thread-author">Dr. Chen</div><div class="thread-body">Sent. Dr. Chen</div>';
    doc.querySelector('.thread-item.current')!.after(li);
    expect(demoAdapter.readSentReplies!(doc)).toEqual(['Sent. Dr. Chen']);
  });

  it('medplum: none after the patient’s latest turn on the captured thread', () => {
    const doc = loadFixture('medplum/thread-open.html', 'http://127.0.0.1:5175/Communication/mp-t06');
    expect(medplumAdapter.readSentReplies!(doc)).toEqual([]);
  });
});
