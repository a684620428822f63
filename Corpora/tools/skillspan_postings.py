#!/usr/bin/env python3
"""SkillSpan sentences (jsonl.gz, one sentence per line) -> one JSON Lines record per posting, as raw text.

Postings are the distinct (source, split, idx); sentences are joined with line breaks, tokens with spaces.
The date comes from the posting's "Date posted: YYYY-MM-DD" sentence when there is one.
Usage: skillspan_postings.py SKILLSPAN_DIR OUT.jsonl
"""
import gzip, json, re, sys

def main(src, out):
    postings = {}
    for split in ("train", "dev", "test"):
        with gzip.open(f"{src}/skillspan_{split}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                s = json.loads(line)
                key = (s["source"], split, s["idx"])
                postings.setdefault(key, []).append(" ".join(s["tokens"]))
    with open(out, "w", encoding="utf-8") as o:
        for (source, split, idx), sentences in sorted(postings.items()):
            text = "\n".join(sentences)
            m = re.search(r"Date posted: (\d{4}-\d{2}-\d{2})", text)
            rec = {"id": f"skillspan-{source}-{split}-{idx}", "title": sentences[0][:200],
                   "description": "\n".join(sentences[1:]), "source": source}
            if m:
                rec["date"] = m.group(1)
            o.write(json.dumps(rec, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
