#!/usr/bin/env python3
"""Label agreement between the writers' labels and a blind second reader.

  /usr/bin/python3 models/agreement/compute.py
Reads models/agreement/second_reader.jsonl (round 1: 300 rows of the first four files) and
second_reader_round2.jsonl (round 2: the files round 1 did not cover, sample_round2.py), labels
given blind from the text only, and the writers' labels in models/data/raw/*.jsonl;
writes models/agreement/report.json (each round and both together).
"""
import glob
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, '..', 'data', 'raw')


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(a) | set(b)) / (n * n)
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(gold, second):
    report = {'n': len(second)}
    for field in ('urgency', 'category'):
        a = [gold[s['id']][field] for s in second]
        b = [s[field] for s in second]
        po, k = kappa(a, b)
        report[field] = {
            'agreement': round(po, 4),
            'kappa': round(k, 4),
            'disagreements': Counter(f'{x} -> {y}' for x, y in zip(a, b) if x != y).most_common(),
        }
    return report


def main():
    gold = {}
    for path in glob.glob(os.path.join(RAW, '*.jsonl')):
        with open(path, encoding='utf-8') as f:
            for line in f:
                try:
                    r = json.loads(line)
                    gold[r['id']] = r
                except (json.JSONDecodeError, KeyError):
                    pass
    rounds = {}
    for name, path in (('round1', 'second_reader.jsonl'), ('round2', 'second_reader_round2.jsonl')):
        if os.path.exists(os.path.join(HERE, path)):
            with open(os.path.join(HERE, path), encoding='utf-8') as f:
                rounds[name] = [json.loads(line) for line in f if line.strip()]
    rounds['all'] = [s for rows in rounds.values() for s in rows]
    report = {name: agreement(gold, rows) for name, rows in rounds.items()}
    with open(os.path.join(HERE, 'report.json'), 'w', encoding='utf-8') as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))


if __name__ == '__main__':
    main()
