#!/usr/bin/env python3
"""Seeded synthetic benchmark data (stdlib only): label sets and a corpus of job postings.

Labels: a popularity-ranked list of up to 100,000 distinct skill-like labels (lower-case canonical forms):
  * ~330 curated ICT labels first (languages, tools, frameworks) including tricky punctuation ones (c++, c#,
    .net, asp.net, node.js, ci/cd, tcp/ip, pl/sql, objective-c, a/b testing, ...), single letters (c, r) and
    nested prefixes ("machine learning" / "machine learning engineer" / "machine learning engineering");
  * then, interleaved by a seeded shuffle: two-word domain x discipline labels ("cloud security"), with role
    suffixes that nest them ("cloud security engineer"), three-word labels, and pseudo product names made from
    syllables, some with punctuation ("zorvex.js", "kalto db", "brimo++", "vendi/ml").
  The set of N labels is the N most popular ones (so 1k is inside 10k inside 100k). The label file is shuffled
  and written with mixed case ("Python", "Node.js", "PYTHON" duplicates), so tools must lower-case and merge.
Corpus: one posting per line, ~3.5 KB each (2.5-4.5 KB), English-like filler sentences from a word list that
  contains no single-word label; about one label occurrence per 40 words, the label drawn from the 100k ranking
  with Zipf popularity (so a smaller label set sees fewer of the occurrences), rendered lower / as written /
  Title / UPPER / mixed case, sometimes wrapped in punctuation ("(python)", "node.js,"), pluralised
  ("machine learning engineers"), or glued to word characters so that it must NOT count ("javax", "xpython").

Tricky (adversarial, small): random labels and text over a tiny alphabet of letters in both cases, digits, "_",
  ".", "+", "#", "/", "-", space and "é", so that occurrences overlap densely, nest, touch each other and sit next
  to every kind of boundary. This is where tools' boundary and leftmost-longest rules differ.

Usage:
  make_corpus.py labels --out FILE --count N [--seed S]
  make_corpus.py corpus --out FILE --mb M [--seed S]
  make_corpus.py tricky --labels-out FILE --corpus-out FILE [--mb M] [--count N] [--seed S]
Output is a pure function of the arguments (and this file).
"""
import argparse
import bisect
import itertools
import os
import random
import sys

# Curated ICT labels, most popular first (comma-separated; multi-word labels stay together).
CURATED = """
python, java, javascript, typescript, sql, c, c++, c#, go, golang, rust, ruby, php, kotlin, swift, scala, r,
perl, bash, powershell, haskell, erlang, elixir, clojure, f#, objective-c, matlab, fortran, cobol, dart, lua,
julia, groovy, .net, .net core, asp.net, ado.net, vb.net, node.js, vue.js, react.js, next.js, nuxt.js,
express.js, angular.js, ember.js, d3.js, three.js, react, angular, vue, svelte, django, flask, fastapi,
spring, spring boot, rails, ruby on rails, laravel, symfony, jquery, bootstrap, tailwind, css, html, html5,
css3, sass, less, webpack, babel, ci/cd, tcp/ip, pl/sql, t-sql, ui/ux, a/b testing, ms-sql, ms sql server,
sql server, mysql, postgresql, postgres, sqlite, oracle, oracle database, mongodb, redis, cassandra,
elasticsearch, kafka, apache kafka, rabbitmq, spark, apache spark, hadoop, hive, airflow, apache airflow,
dbt, snowflake, bigquery, redshift, databricks, docker, kubernetes, k8s, helm, terraform, ansible, puppet,
chef, jenkins, gitlab ci, github actions, circleci, travis ci, git, github, gitlab, bitbucket, jira,
confluence, aws, amazon web services, azure, microsoft azure, gcp, google cloud platform, google cloud, s3,
ec2, lambda, aws lambda, cloudformation, openshift, linux, unix, windows server, macos, ios, android, xcode,
android studio, unity, unreal engine, opengl, vulkan, directx, cuda, opencl, tensorflow, pytorch, keras,
scikit-learn, pandas, numpy, scipy, matplotlib, jupyter, machine learning, machine learning engineer,
machine learning engineering, deep learning, natural language processing, nlp, computer vision, data science,
data scientist, data engineering, data engineer, data analysis, data analyst, business intelligence,
power bi, tableau, looker, excel, microsoft excel, microsoft office, sap, sap erp, salesforce, servicenow,
sharepoint, dynamics 365, rest, rest api, restful api, graphql, grpc, soap, json, xml, yaml, protobuf, oauth,
oauth 2.0, saml, ldap, active directory, tls, ssl, https, http/2, websockets, dns, dhcp, vpn, bgp, ospf,
mpls, sd-wan, 5g, lte, wi-fi, cyber security, cybersecurity, information security, network security,
penetration testing, siem, soc, iso 27001, gdpr, pci dss, itil, itil v4, cobit, prince2, pmp, scrum, agile,
kanban, safe, devops, devsecops, mlops, sre, site reliability engineering, site reliability engineer,
microservices, serverless, event-driven architecture, domain-driven design, test-driven development, tdd,
bdd, unit testing, integration testing, selenium, cypress, playwright, junit, pytest, jest, mocha, postman,
soapui, jmeter, load testing, performance testing, qa, quality assurance, manual testing, test automation,
embedded c, embedded systems, rtos, fpga, vhdl, verilog, plc, scada, iot, internet of things, arm,
blockchain, solidity, web3, ethereum, smart contracts, c/c++, 3d modeling, 3d printing, e-commerce,
e-learning, cad, autocad, solidworks, revit, bim, gis, arcgis, qgis, figma, sketch, adobe xd, photoshop,
illustrator, ux design, ui design, ux research, web design, responsive design, wordpress, drupal, joomla,
magento, shopify, seo, sem, google analytics, google ads, crm, erp, api design, api gateway, nginx, apache,
apache tomcat, iis, haproxy, varnish, memcached, prometheus, grafana, kibana, logstash, elk stack, splunk,
datadog, new relic, nagios, zabbix, vmware, vsphere, hyper-v, citrix, virtualization, storage area network,
san, nas, backup and recovery, disaster recovery, load balancing, high availability,
object-oriented programming, oop, functional programming, design patterns, algorithms, data structures,
big data, etl, elt, data warehouse, data warehousing, data lake, data modeling, data governance,
data quality, master data management, visual basic, vba, vb6, asp, classic asp, jsp, servlets, j2ee, java ee,
jakarta ee, hibernate, jpa, maven, gradle, npm, yarn, pip, conda, virtualenv, poetry, llvm, gcc, clang,
cmake, make, qt, gtk, wxwidgets, win32, mfc, com+
"""

DOMAINS = """cloud data network security mobile web embedded distributed backend frontend database systems
software platform infrastructure quality performance api microservice container storage identity payment
search streaming analytics reporting integration release build observability incident capacity compliance
privacy firmware graphics game audio video robotics sensor telemetry edge serverless batch realtime geospatial
financial clinical logistics supply warehouse retail marketing content media telecom wireless satellite
automotive avionics industrial energy grid scientific research bioinformatics genomics imaging signal
speech vision language recommendation ranking fraud risk pricing billing customer service desktop kernel
driver compiler runtime browser accessibility localization workflow document knowledge enterprise
hybrid multicloud virtual network edge quantum cryptography authentication authorization messaging
event cache index query transaction migration backup archive hardware chip semiconductor""".split()

DISCIPLINES = """engineering development architecture design testing analysis administration management
operations automation modeling optimization monitoring migration governance programming integration
deployment troubleshooting support documentation strategy consulting auditing planning implementation
maintenance scripting tuning hardening benchmarking provisioning orchestration validation verification
visualization analytics forecasting simulation instrumentation configuration debugging profiling
modernization packaging""".split()

ROLES = "engineer developer architect specialist analyst administrator consultant lead manager".split()

SYLLABLES = """ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni
no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zi zo zu ax ex ix ox yx
br cr dr fr gr kr pr tr bl cl fl gl kl pl sl vr zr qu th ch sh""".split()
CODAS = ["", "", "", "x", "n", "r", "s", "k", "l", "m", "t", "z", "nd", "rt", "lk", "sk"]
PRODUCT_FORMS = ["{}", "{}", "{}", "{} db", "{} studio", "{}.js", "{}++", "{}-ql", "{}/ml", "{} cloud",
                 "{}.io", "{} sdk", "{} 2", "{}#", "{} framework", "{} server", "{}-core", "{}.net"]

FILLER = """the a an and or of to in for with on at by from as is are be will you we our your team work
experience strong ability skills years role company join looking candidate responsible help build
people customers across new great good high best large small fast growing global local remote office
hybrid benefits salary bonus holiday flexible hours culture values mission growth career learn teach
support collaborate communicate communication written verbal english degree bachelor master equivalent
required preferred plus nice have must should can able solid proven track record working closely
colleagues stakeholders product owners managers clients partners users business requirements solutions
projects deliver delivery quality high standards ownership responsibility initiative motivated curious
passionate friendly diverse inclusive environment opportunity opportunities apply application today
please send resume letter interview process stages offer start date full time part contract permanent
based city country region europe north south east west hours week month year day annual leave health
insurance pension equity shares training budget conference lunch coffee fruit gym bike parking travel
occasional visits customer site meetings planning reviews daily weekly sprint goals targets results
impact improve improving maintain maintaining existing systems new features write writing clean code
review reviews documents documentation internal external tools processes best practices knowledge
sharing mentoring junior senior colleagues mid level principal staff head chief officer director
department unit group division organisation organization industry sector market leader leading
innovative modern exciting challenging interesting varied dynamic complex simple clear concise
detail oriented problem solving analytical thinking creative self starter independently independent
together within about more than less most least very well also other others such these those this
that which who whom whose when where while because although however therefore thus since until before
after during between among through over under above below into onto upon around near far often
usually sometimes always never already yet still just only even each every all both either neither
few many much several some any no not nor so too quite rather really fully partly largely mostly
we're you'll it's they their them his her its my me us i he she it they""".split()

def _split_curated():
    seen, res = set(), []
    for item in CURATED.replace("\n", " ").split(","):
        lab = " ".join(item.split())
        if lab and lab not in seen:
            seen.add(lab)
            res.append(lab)
    return res


def ranked_labels(count, seed):
    """The `count` most popular labels (lower-case canonical), most popular first."""
    rng = random.Random(seed * 1_000_003 + 17)
    labels = _split_curated()
    seen = set(labels)
    pools = []
    two = [f"{d} {s}" for d in DOMAINS for s in DISCIPLINES]
    rng.shuffle(two)
    pools.append(iter(two))
    nested = [f"{d} {s} {r}" for d in DOMAINS for s in DISCIPLINES for r in ROLES[:3]]
    rng.shuffle(nested)
    pools.append(iter(nested))

    def three():
        while True:
            yield f"{rng.choice(DOMAINS)} {rng.choice(DOMAINS)} {rng.choice(DISCIPLINES)}"

    def product():
        while True:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(CODAS)
            yield rng.choice(PRODUCT_FORMS).format(word)

    pools.append(three())
    pools.append(product())
    weights = [3, 2, 2, 5]
    while len(labels) < count:
        pool = rng.choices(range(len(pools)), weights)[0]
        lab = next(pools[pool], None)
        if lab is None:
            weights[pool] = 0
            continue
        if lab not in seen:
            seen.add(lab)
            labels.append(lab)
            # nest: a popular 2-word label often also exists with a role suffix
            if pool == 0 and rng.random() < 0.3 and len(labels) < count:
                longer = f"{lab} {rng.choice(ROLES)}"
                if longer not in seen:
                    seen.add(longer)
                    labels.append(longer)
    return labels[:count]


def written_form(label, rng):
    """How a label is written in a label file: mostly lower case, sometimes capitalized."""
    r = rng.random()
    if r < 0.6:
        return label
    if r < 0.85:
        return " ".join(w[:1].upper() + w[1:] for w in label.split(" "))
    return label.upper()


def cmd_labels(a):
    labels = ranked_labels(a.count, a.seed)
    rng = random.Random(a.seed * 7 + a.count)
    lines = [written_form(l, rng) for l in labels]
    # a few duplicates that differ only in case, and blank/space-padded lines: tools must trim and merge
    for l in labels[: max(3, a.count // 200)]:
        if rng.random() < 0.5:
            lines.append("  " + l.upper() + " ")
    lines += ["", "   "]
    rng.shuffle(lines)
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, a.out)
    print(f"wrote {a.out}: {len(labels)} distinct labels ({len(lines)} lines)")


def mixed_case(s, rng):
    return "".join(ch.upper() if rng.random() < 0.5 else ch for ch in s)


def render(label, rng):
    r = rng.random()
    if r < 0.62:
        t = label
    elif r < 0.80:
        t = " ".join(w[:1].upper() + w[1:] for w in label.split(" "))
    elif r < 0.93:
        t = label.upper()
    else:
        t = mixed_case(label, rng)
    r = rng.random()
    if r < 0.05:
        t = "(" + t + ")"
    elif r < 0.12:
        t = t + ","
    elif r < 0.15:
        t = t + "/" + rng.choice(["git", "docker", "linux", "sql"])
    elif r < 0.18:
        t = t + "s"  # plural: "machine learning engineers" counts "machine learning"
    elif r < 0.20:
        t = t + rng.choice(["x", "ish", "_v2", "9"])  # glued word characters: must not count
    elif r < 0.22:
        t = rng.choice(["x", "pre", "my_", "2"]) + t  # glued in front: must not count
    elif r < 0.24:
        t = "non-" + t  # hyphen is a non-word character: counts
    elif r < 0.26:
        t = t + "."
    return t


def cmd_corpus(a):
    rng = random.Random(a.seed)
    ranked = ranked_labels(100_000, a.seed)
    label_words = {l for l in ranked if " " not in l}
    filler = [w for w in FILLER if w not in label_words]
    # Zipf popularity over the ranking (s = 1.05, shifted so the head is not too dominant)
    cum = list(itertools.accumulate(1.0 / (r + 3) ** 1.05 for r in range(len(ranked))))
    total = cum[-1]
    target = int(a.mb * 1_000_000)
    written = 0
    postings = 0
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        while written < target:
            size = rng.randint(2500, 4500)
            parts = []
            length = 0
            sentence_left = 0
            while length < size:
                if sentence_left == 0:
                    sentence_left = rng.randint(8, 22)
                    if parts:
                        parts[-1] += "."
                    start = True
                if rng.random() < 1 / 40:
                    word = render(ranked[bisect.bisect_left(cum, rng.random() * total)], rng)
                else:
                    word = rng.choice(filler)
                    if start:
                        word = word[:1].upper() + word[1:]
                    elif rng.random() < 0.04:
                        word += ","
                start = False
                parts.append(word)
                length += len(word) + 1
                sentence_left -= 1
            line = " ".join(parts) + ".\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            postings += 1
    os.replace(tmp, a.out)
    print(f"wrote {a.out}: {postings} postings, {written} bytes")


TRICKY_ALPHABET = ["a", "b", "A", "B", "c", "C", "1", "_", ".", "+", "#", "/", "-", " ", "é"]
TRICKY_WEIGHTS = [8, 6, 3, 2, 5, 2, 2, 1, 2, 2, 1, 1, 1, 6, 1]


def cmd_tricky(a):
    rng = random.Random(a.seed + 99)
    labels = set()
    while len(labels) < a.count:
        lab = "".join(rng.choices(TRICKY_ALPHABET, TRICKY_WEIGHTS, k=rng.randint(1, 7))).strip()
        if lab:
            labels.add(lab)
    labels = sorted(labels)
    ranked = labels[:]
    rng.shuffle(ranked)
    with open(a.labels_out, "w", encoding="utf-8") as f:
        f.write("\n".join(ranked) + "\n")
    target = int(a.mb * 1_000_000)
    written = 0
    with open(a.corpus_out, "w", encoding="utf-8") as f:
        while written < target:
            parts = []
            for _ in range(rng.randint(20, 200)):
                if rng.random() < 0.5:
                    parts.append(rng.choice(ranked))
                else:
                    parts.append("".join(rng.choices(TRICKY_ALPHABET, TRICKY_WEIGHTS, k=rng.randint(1, 4))))
            line = "".join(parts) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
    print(f"wrote {a.labels_out}: {len(labels)} labels; {a.corpus_out}: {written} bytes")


def main():
    ap = argparse.ArgumentParser(description="Seeded synthetic label sets and corpus.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("labels")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, default=42)
    p = sub.add_parser("corpus")
    p.add_argument("--out", required=True)
    p.add_argument("--mb", type=float, required=True)
    p.add_argument("--seed", type=int, default=42)
    p = sub.add_parser("tricky")
    p.add_argument("--labels-out", required=True)
    p.add_argument("--corpus-out", required=True)
    p.add_argument("--mb", type=float, default=1.0)
    p.add_argument("--count", type=int, default=400)
    p.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    {"labels": cmd_labels, "corpus": cmd_corpus, "tricky": cmd_tricky}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
