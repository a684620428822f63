/* Peer: Hyperscan in C (Debian's libhyperscan-dev), pure-literal compiler, block mode, single thread.
 *
 * hs_compile_lit_multi with HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST. Hyperscan reports every occurrence of every
 * label (overlapping, in order of end offset); the callback keeps those passing the boundary rule, then we sort
 * them by (start, longest first) and select leftmost-longest non-overlapping ones. Exact by construction.
 * The whole corpus is scanned in one hs_scan call (labels contain no newline, so no match crosses a line, and
 * "\n" is a non-word byte, so the line-start/line-end boundary rule needs no special case).
 *
 * Usage: hs-count --labels FILE --corpus FILE [--threads N]
 * Build: gcc -O2 -o hs-count hs_count.c $(pkg-config --cflags --libs libhs)
 */
#include <hs/hs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { uint64_t start, end; uint32_t id; } Span;
typedef struct { Span *v; size_t n, cap; const unsigned char *hay; size_t len; } Ctx;
typedef struct { unsigned char *s; size_t n; } Label;

static int is_word(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static int is_ws(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END); long sz = ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)sz + 1);
    if (sz > 0 && fread(buf, 1, (size_t)sz, f) != (size_t)sz) { perror(path); exit(2); }
    fclose(f); buf[sz] = 0; *len = (size_t)sz; return buf;
}

static int label_cmp(const void *a, const void *b) {
    const Label *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    return c ? c : (x->n < y->n ? -1 : x->n > y->n);
}

static int span_cmp(const void *a, const void *b) {
    const Span *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end > y->end ? -1 : 1;
    return 0;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *p) {
    (void)flags;
    Ctx *c = p;
    if ((from == 0 || !is_word(c->hay[from - 1])) && (to == c->len || !is_word(c->hay[to]))) {
        if (c->n == c->cap) { c->cap = c->cap ? c->cap * 2 : 1 << 16; c->v = realloc(c->v, c->cap * sizeof(Span)); }
        c->v[c->n++] = (Span){from, to, id};
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *lp = NULL, *cp = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--labels") && i + 1 < argc) lp = argv[++i];
        else if (!strcmp(argv[i], "--corpus") && i + 1 < argc) cp = argv[++i];
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) ++i;
        else if (!strcmp(argv[i], "--version")) { printf("hyperscan %s\n", hs_version()); return 0; }
        else { fprintf(stderr, "usage: hs-count --labels FILE --corpus FILE [--threads N]\n"); return 2; }
    }
    if (!lp || !cp) { fprintf(stderr, "usage: hs-count --labels FILE --corpus FILE [--threads N]\n"); return 2; }

    size_t llen; unsigned char *lraw = read_file(lp, &llen);
    size_t nl = 0, cap = 1024; Label *labels = malloc(cap * sizeof(Label));
    for (size_t i = 0; i < llen;) {
        size_t j = i; while (j < llen && lraw[j] != '\n') j++;
        size_t a = i, b = j;
        while (a < b && is_ws(lraw[a])) a++;
        while (b > a && is_ws(lraw[b - 1])) b--;
        if (b > a) {
            if (nl == cap) { cap *= 2; labels = realloc(labels, cap * sizeof(Label)); }
            for (size_t k = a; k < b; k++) if (lraw[k] >= 'A' && lraw[k] <= 'Z') lraw[k] += 32;
            labels[nl++] = (Label){lraw + a, b - a};
        }
        i = j + 1;
    }
    qsort(labels, nl, sizeof(Label), label_cmp);
    size_t u = 0;
    for (size_t i = 0; i < nl; i++) if (u == 0 || label_cmp(&labels[u - 1], &labels[i])) labels[u++] = labels[i];
    nl = u;

    size_t n; unsigned char *hay = read_file(cp, &n);

    double t0 = now();
    const char **exprs = malloc(nl * sizeof(char *));
    unsigned *flags = malloc(nl * sizeof(unsigned)), *ids = malloc(nl * sizeof(unsigned));
    size_t *lens = malloc(nl * sizeof(size_t));
    for (size_t i = 0; i < nl; i++) {
        exprs[i] = (const char *)labels[i].s; lens[i] = labels[i].n; ids[i] = (unsigned)i;
        flags[i] = HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST;
    }
    hs_database_t *db = NULL; hs_compile_error_t *err = NULL;
    if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)nl, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
        fprintf(stderr, "hs_compile_lit_multi failed: %s (expression %d)\n", err->message, err->expression);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "hs_alloc_scratch failed\n"); return 1; }
    size_t dbsize = 0; hs_database_size(db, &dbsize);
    double build = now() - t0;

    double t1 = now();
    Ctx ctx = {NULL, 0, 0, hay, n};
    if (n > 0 && hs_scan(db, (const char *)hay, (unsigned)n, 0, scratch, on_match, &ctx) != HS_SUCCESS) {
        fprintf(stderr, "hs_scan failed\n"); return 1;
    }
    qsort(ctx.v, ctx.n, sizeof(Span), span_cmp);
    uint64_t *counts = calloc(nl ? nl : 1, sizeof(uint64_t));
    uint64_t pos = 0, total = 0;
    for (size_t i = 0; i < ctx.n; i++)
        if (ctx.v[i].start >= pos) { counts[ctx.v[i].id]++; pos = ctx.v[i].end; total++; }
    double scan = now() - t1;

    for (size_t i = 0; i < nl; i++)
        if (counts[i]) { fwrite(labels[i].s, 1, labels[i].n, stdout); printf("\t%llu\n", (unsigned long long)counts[i]); }
    fflush(stdout);
    fprintf(stderr, "{\"labels\": %zu, \"build_seconds\": %.6f, \"automaton_bytes\": %zu, \"scan_seconds\": %.6f, "
                    "\"bytes\": %zu, \"mb_per_s\": %.3f, \"threads\": 1, \"matches\": %llu}\n",
            nl, build, dbsize + 0, scan, n, scan > 0 ? n / 1e6 / scan : 0.0, (unsigned long long)total);
    hs_free_scratch(scratch); hs_free_database(db);
    return 0;
}
