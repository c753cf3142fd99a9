#!/usr/bin/env python3
"""Label agreement between the writers' labels and a blind second reader.

  /usr/bin/python3 models/agreement/compute.py
Reads models/agreement/second_reader.jsonl (labels given blind, from the text only)
and the writers' labels in models/data/raw/*.jsonl; writes models/agreement/report.json.
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
    with open(os.path.join(HERE, 'second_reader.jsonl'), encoding='utf-8') as f:
        second = [json.loads(line) for line in f if line.strip()]
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
    with open(os.path.join(HERE, 'report.json'), 'w', encoding='utf-8') as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))


if __name__ == '__main__':
    main()
