#!/usr/bin/env python3
"""Round 2 of the blind second reading: a random sample of the files round 1 did not cover.

  /usr/bin/python3 models/agreement/sample_round2.py BLIND_OUT.jsonl
Writes models/agreement/sample_ids_round2.json (the ids, with their files) and BLIND_OUT.jsonl:
{"id", "subject", "body"} only, no labels, in a shuffled order, for the second reader.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, '..', 'data', 'raw')
FILES = ['paraphrase', 'mixed', 'categories', 'info_conditions', 'info_drugs', 'narratives', 'contrast',
         'lay_questions', 'category_questions']
PER_FILE = 34  # 9 files -> 306 rows


def main():
    r = random.Random('agreement-round-2')
    picked = []
    for name in FILES:
        with open(os.path.join(RAW, f'{name}.jsonl'), encoding='utf-8') as f:
            rows = [json.loads(line) for line in f if line.strip()]
        picked += [(name, row) for row in r.sample(rows, min(PER_FILE, len(rows)))]
    r.shuffle(picked)
    with open(os.path.join(HERE, 'sample_ids_round2.json'), 'w', encoding='utf-8') as f:
        json.dump([{'id': row['id'], 'file': name} for name, row in picked], f, indent=1)
    with open(sys.argv[1], 'w', encoding='utf-8') as f:
        for _, row in picked:
            f.write(json.dumps({'id': row['id'], 'subject': row.get('subject') or '', 'body': row['body']},
                               ensure_ascii=False) + '\n')
    print(f'{len(picked)} rows from {len(FILES)} files')


if __name__ == '__main__':
    main()
