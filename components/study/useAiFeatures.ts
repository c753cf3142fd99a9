/** React hook over the study gate (lib/study/gate.ts): false in a pilot study's control arm, null until known. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { createStudyGate } from '@/lib/study/gate';

export function useAiFeatures(): boolean | null {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    const gate = createStudyGate(browser.storage.local, browser.storage.onChanged);
    const update = () => setOn(gate.known ? gate.aiFeaturesEnabled() : null);
    const off = gate.onChange(update);
    void gate.ready.then(update);
    // A crossover arm changes at the ISO week boundary without any storage event.
    const timer = setInterval(update, 60_000);
    return () => {
      off();
      clearInterval(timer);
      gate.stop();
    };
  }, []);
  return on;
}
