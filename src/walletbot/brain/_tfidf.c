/* The lean inference path's C functions (see fast_inference.py and retriever.py).
 *
 * add_scores: one message's TF-IDF row times a dense coefficient matrix, in one call. The Python
 * side collects the message's feature columns (dict look-ups of its n-grams); this turns them into
 * scores: count each column, weight it (1 + log count) * idf, l2-normalise each block of the
 * feature union and apply its weight, then add value * coef_t[column] to the scores. numpy does
 * the same in a dozen calls, each paying its own dispatch, plus a gathered copy of the coefficient
 * rows; here it is one pass over the few hundred columns and no allocation per call beyond the
 * column buffer. word_columns, pair_columns and char_wb_columns find n-gram columns; top_k and
 * max_ratios are the retriever's selection of close entries and its fuzzy re-ranking. Only the
 * buffer protocol is used (no numpy headers at build time).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 16
#define STACK_COLUMNS 1024
/* Coefficient rows are scattered over a matrix far larger than the caches (Banking77: 92 MB), so
 * each row's first touch is a cache miss: fetch the rows a few columns ahead while adding this one. */
#define PREFETCH_AHEAD 8

/* Shell sort with Ciura's gaps (extended by x2.25): a message has a few hundred columns, where
 * glibc's qsort (a merge sort calling a comparison through a pointer) cost 1,300 instructions a
 * column, half of this module's time; this takes about a tenth of that, allocating nothing. */
static void sort_columns(Py_ssize_t *values, Py_ssize_t n) {
    static const Py_ssize_t gaps[] = {
        1, 4, 10, 23, 57, 132, 301, 701, 1577, 3548, 7983, 17961, 40412, 90927, 204585, 460316,
    };
    Py_ssize_t g = (Py_ssize_t)(sizeof(gaps) / sizeof(gaps[0])) - 1;
    while (g > 0 && gaps[g] >= n) {
        g--;
    }
    for (; g >= 0; g--) {
        Py_ssize_t gap = gaps[g];
        for (Py_ssize_t i = gap; i < n; i++) {
            Py_ssize_t value = values[i], j = i;
            for (; j >= gap && values[j - gap] > value; j -= gap) {
                values[j] = values[j - gap];
            }
            values[j] = value;
        }
    }
}

static int get_doubles(PyObject *obj, Py_buffer *view, int writable, const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        return -1;
    }
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0) {
        PyErr_Format(PyExc_TypeError, "%s must be a contiguous float64 array", name);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* A sequence's ints as a C array: `stack` when they fit there, else a heap block the caller frees
 * (when the result is not `stack`). NULL, with the exception set, when an item is not an int. */
static Py_ssize_t *read_ints(PyObject *fast, Py_ssize_t *stack) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    Py_ssize_t *values = stack;
    if (n > STACK_COLUMNS) {
        values = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
        if (values == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        values[i] = PyLong_AsSsize_t(items[i]);
        if (values[i] == -1 && PyErr_Occurred()) {
            if (values != stack) {
                PyMem_Free(values);
            }
            return NULL;
        }
    }
    return values;
}

PyDoc_STRVAR(add_scores_doc,
"add_scores(columns, idf, bounds, weights, coef_t, out)\n"
"\n"
"columns: the message's feature columns, repeats counted (a list of ints).\n"
"idf: float64[n_features]. bounds: the blocks' end columns, ascending (a tuple of ints).\n"
"weights: the blocks' union weights (a tuple of floats). coef_t: float64[n_features, n_labels].\n"
"out: float64[n_labels], usually holding the intercept: the scores are added to it.");

static PyObject *add_scores(PyObject *self, PyObject *args) {
    PyObject *columns_obj, *idf_obj, *bounds_obj, *weights_obj, *coef_obj, *out_obj;
    if (!PyArg_ParseTuple(args, "OOO!O!OO", &columns_obj, &idf_obj, &PyTuple_Type, &bounds_obj,
                          &PyTuple_Type, &weights_obj, &coef_obj, &out_obj)) {
        return NULL;
    }
    Py_ssize_t n_blocks = PyTuple_GET_SIZE(bounds_obj);
    if (n_blocks < 1 || n_blocks > MAX_BLOCKS || PyTuple_GET_SIZE(weights_obj) != n_blocks) {
        PyErr_SetString(PyExc_ValueError, "bounds and weights need one entry per block (1 to 16)");
        return NULL;
    }
    Py_ssize_t bounds[MAX_BLOCKS];
    double weights[MAX_BLOCKS], sums[MAX_BLOCKS];
    for (Py_ssize_t b = 0; b < n_blocks; b++) {
        bounds[b] = PyLong_AsSsize_t(PyTuple_GET_ITEM(bounds_obj, b));
        weights[b] = PyFloat_AsDouble(PyTuple_GET_ITEM(weights_obj, b));
        sums[b] = 0.0;
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (b > 0 && bounds[b] < bounds[b - 1]) {
            PyErr_SetString(PyExc_ValueError, "bounds must be ascending");
            return NULL;
        }
    }

    Py_buffer idf = {0}, coef = {0}, out = {0};
    Py_ssize_t stack[STACK_COLUMNS];
    Py_ssize_t *cols = stack;
    double value_stack[STACK_COLUMNS];
    double *values = value_stack;
    PyObject *result = NULL;
    PyObject *fast = PySequence_Fast(columns_obj, "columns must be a sequence of ints");
    if (fast == NULL) {
        return NULL;
    }
    if (get_doubles(idf_obj, &idf, 0, "idf") < 0 || get_doubles(coef_obj, &coef, 0, "coef_t") < 0 ||
        get_doubles(out_obj, &out, 1, "out") < 0) {
        goto done;
    }
    Py_ssize_t n_features = idf.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t n_labels = out.len / (Py_ssize_t)sizeof(double);
    if (coef.ndim != 2 || coef.shape[0] != n_features || coef.shape[1] != n_labels ||
        bounds[n_blocks - 1] != n_features) {
        PyErr_SetString(PyExc_ValueError,
                        "coef_t must be [n_features, n_labels], matching idf, out and bounds");
        goto done;
    }

    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    cols = read_ints(fast, stack);
    if (cols == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (cols[i] < 0 || cols[i] >= n_features) {
            PyErr_Format(PyExc_IndexError, "column %zd is outside 0..%zd", cols[i], n_features - 1);
            goto done;
        }
    }
    sort_columns(cols, n);

    /* Unique columns (compacted in place) with their tf-idf values and per-block squared norms. */
    if (n > STACK_COLUMNS) {
        values = PyMem_Malloc((size_t)n * sizeof(double));
        if (values == NULL) {
            PyErr_NoMemory();
            goto done;
        }
    }
    const double *idf_data = idf.buf;
    Py_ssize_t unique = 0, block = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t c = cols[i], count = 0;
        while (i < n && cols[i] == c) {
            count++;
            i++;
        }
        /* Most n-grams occur once, and log(1) is exactly 0: skip the call. */
        double value = (count == 1 ? 1.0 : log((double)count) + 1.0) * idf_data[c];
        while (c >= bounds[block]) {
            block++;
        }
        sums[block] += value * value;
        cols[unique] = c;
        values[unique] = value;
        unique++;
    }
    double scale[MAX_BLOCKS];
    for (Py_ssize_t b = 0; b < n_blocks; b++) {
        double norm = sqrt(sums[b]);
        scale[b] = weights[b] / (norm > 1e-300 ? norm : 1e-300);
    }

    const double *coef_data = coef.buf;
    double *scores = out.buf;
    block = 0;
    for (Py_ssize_t u = 0; u < unique; u++) {
        while (cols[u] >= bounds[block]) {
            block++;
        }
        if (u + PREFETCH_AHEAD < unique) {
            const char *ahead = (const char *)(coef_data + cols[u + PREFETCH_AHEAD] * n_labels);
            for (Py_ssize_t byte = 0; byte < n_labels * (Py_ssize_t)sizeof(double); byte += 64) {
                __builtin_prefetch(ahead + byte);
            }
        }
        double value = values[u] * scale[block];
        const double *row = coef_data + cols[u] * n_labels;
        for (Py_ssize_t k = 0; k < n_labels; k++) {
            scores[k] += value * row[k];
        }
    }
    result = PyLong_FromSsize_t(unique);

done:
    if (cols != stack) {
        PyMem_Free(cols);
    }
    if (values != value_stack) {
        PyMem_Free(values);
    }
    if (idf.obj) PyBuffer_Release(&idf);
    if (coef.obj) PyBuffer_Release(&coef);
    if (out.obj) PyBuffer_Release(&out);
    Py_DECREF(fast);
    return result;
}

static int is_int64(const Py_buffer *view) {
    const char *f = view->format;
    return view->itemsize == 8 && f != NULL && (strcmp(f, "q") == 0 || strcmp(f, "l") == 0);
}

/* Binary search of `wanted` among n sorted keys: its index, or -1. */
static Py_ssize_t find_key(const int64_t *key, Py_ssize_t n_keys, int64_t wanted) {
    Py_ssize_t low = 0, high = n_keys;
    while (low < high) {
        Py_ssize_t middle = low + (high - low) / 2;
        if (key[middle] < wanted) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low < n_keys && key[low] == wanted ? low : -1;
}

static int append_column(PyObject *list, int64_t column) {
    PyObject *found = PyLong_FromLongLong(column);
    if (found == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, found);
    Py_DECREF(found);
    return failed;
}

/* The sorted pair keys and their columns, as int64 buffers of one length. -1, with the exception
 * set and nothing left held, when either is not. */
static int get_pair_keys(PyObject *keys_obj, PyObject *columns_obj, Py_buffer *keys,
                         Py_buffer *columns) {
    if (PyObject_GetBuffer(keys_obj, keys, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        return -1;
    }
    if (PyObject_GetBuffer(columns_obj, columns, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(keys);
        return -1;
    }
    if (!is_int64(keys) || !is_int64(columns) || keys->len != columns->len) {
        PyErr_SetString(PyExc_TypeError, "keys and columns must be int64 arrays of one length");
        PyBuffer_Release(keys);
        PyBuffer_Release(columns);
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(pair_columns_doc,
"pair_columns(words, keys, columns) -> list[int]\n"
"\n"
"words: a message's distinct word numbers, ascending (a list of ints).\n"
"keys: int64, ascending: a * n_words + b for each known pair of word numbers a < b.\n"
"columns: int64, the column of each key. Returns the columns of the message's known pairs,\n"
"in the order of itertools.combinations(words, 2).");

static PyObject *pair_columns(PyObject *self, PyObject *args) {
    PyObject *words_obj, *keys_obj, *columns_obj;
    Py_ssize_t n_words;
    if (!PyArg_ParseTuple(args, "OnOO", &words_obj, &n_words, &keys_obj, &columns_obj)) {
        return NULL;
    }
    Py_buffer keys = {0}, columns = {0};
    PyObject *result = NULL, *fast = NULL;
    Py_ssize_t stack[STACK_COLUMNS];
    Py_ssize_t *words = stack;
    if (get_pair_keys(keys_obj, columns_obj, &keys, &columns) < 0) {
        return NULL;
    }
    fast = PySequence_Fast(words_obj, "words must be a sequence of ints");
    if (fast == NULL) {
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    words = read_ints(fast, stack);
    if (words == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (words[i] < 0 || words[i] >= n_words || (i > 0 && words[i] <= words[i - 1])) {
            PyErr_SetString(PyExc_ValueError, "words must ascend, each in 0..n_words-1");
            goto done;
        }
    }
    const int64_t *key = keys.buf, *column = columns.buf;
    Py_ssize_t n_keys = keys.len / 8;
    result = PyList_New(0);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t j = i + 1; j < n; j++) {
            Py_ssize_t at = find_key(key, n_keys, (int64_t)words[i] * n_words + words[j]);
            if (at >= 0 && append_column(result, column[at]) < 0) {
                Py_CLEAR(result);
                goto done;
            }
        }
    }

done:
    if (words != stack) {
        PyMem_Free(words);
    }
    Py_XDECREF(fast);
    if (keys.obj) PyBuffer_Release(&keys);
    if (columns.obj) PyBuffer_Release(&columns);
    return result;
}

PyDoc_STRVAR(word_columns_doc,
"word_columns(tokens, vocabulary, unigrams, keys, columns, n_features) -> list[int]\n"
"\n"
"A word block's columns for one message, as scikit-learn's word analyzer with ngram_range\n"
"(1, 2), (1, 1) or (2, 2) would find them. tokens: the message's tokens (a list of str).\n"
"vocabulary: token -> its unigram column, or -1 for a stop word (dropped before pairing);\n"
"a token not in it is unknown, and no bigram with it can be known. unigrams: whether unigram\n"
"columns count. keys: int64, ascending: a * n_features + b for each known bigram whose words\n"
"have columns a and b; columns: int64, each key's column.");

static PyObject *word_columns(PyObject *self, PyObject *args) {
    PyObject *tokens_obj, *vocabulary, *keys_obj, *columns_obj;
    int unigrams;
    Py_ssize_t n_features;
    if (!PyArg_ParseTuple(args, "O!O!pOOn", &PyList_Type, &tokens_obj, &PyDict_Type, &vocabulary,
                          &unigrams, &keys_obj, &columns_obj, &n_features)) {
        return NULL;
    }
    Py_buffer keys = {0}, columns = {0};
    PyObject *result = NULL;
    if (get_pair_keys(keys_obj, columns_obj, &keys, &columns) < 0) {
        return NULL;
    }
    const int64_t *key = keys.buf, *column = columns.buf;
    Py_ssize_t n_keys = keys.len / 8;
    result = PyList_New(0);
    if (result == NULL) {
        goto done;
    }
    /* The previous kept token's column: -1 when it was unknown (or there was none). */
    int64_t previous = -1;
    Py_ssize_t n = PyList_GET_SIZE(tokens_obj);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *token = PyList_GET_ITEM(tokens_obj, i);
        PyObject *found = PyDict_GetItemWithError(vocabulary, token);
        int64_t current = -1;
        if (found != NULL) {
            current = PyLong_AsLongLong(found);
            if (current == -1 && PyErr_Occurred()) {
                goto fail;
            }
            if (current == -1) {
                continue; /* a stop word: removed before the n-grams are formed */
            }
            if (current < 0 || current >= n_features) {
                PyErr_Format(PyExc_IndexError, "column %lld is outside 0..%zd",
                             (long long)current, n_features - 1);
                goto fail;
            }
            if (unigrams && append_column(result, current) < 0) {
                goto fail;
            }
        } else if (PyErr_Occurred()) {
            goto fail;
        }
        if (previous >= 0 && current >= 0 && n_keys > 0) {
            Py_ssize_t at = find_key(key, n_keys, previous * (int64_t)n_features + current);
            if (at >= 0 && append_column(result, column[at]) < 0) {
                goto fail;
            }
        }
        previous = current;
    }
    goto done;

fail:
    Py_CLEAR(result);
done:
    if (keys.obj) PyBuffer_Release(&keys);
    if (columns.obj) PyBuffer_Release(&columns);
    return result;
}

PyDoc_STRVAR(top_k_doc,
"top_k(scores, k)\n"
"\n"
"The indexes of the k largest of scores (a float64 array), largest first; equal scores in index\n"
"order, as a stable sort would give them. NaN never ranks. numpy's argsort sorts all of them\n"
"to keep a few (and its order among equal scores is unspecified).");

static PyObject *top_k(PyObject *self, PyObject *args) {
    PyObject *scores_obj;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "On", &scores_obj, &k)) {
        return NULL;
    }
    if (k < 0) {
        PyErr_SetString(PyExc_ValueError, "k must not be negative");
        return NULL;
    }
    Py_buffer scores = {0};
    if (get_doubles(scores_obj, &scores, 0, "scores") < 0) {
        return NULL;
    }
    const double *s = scores.buf;
    Py_ssize_t n = scores.len / (Py_ssize_t)sizeof(double);
    Py_ssize_t stack[STACK_COLUMNS];
    Py_ssize_t *best = stack;
    PyObject *result = NULL;
    if (k > n) {
        k = n;
    }
    if (k > STACK_COLUMNS && (best = PyMem_Malloc((size_t)k * sizeof(Py_ssize_t))) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Insertion into the k best so far: k is a handful, and most scores fail the first test. */
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < n && k > 0; i++) {
        double v = s[i];
        if (!(count < k ? v == v : v > s[best[k - 1]])) {
            continue; /* NaN, or not above the k-th best (an equal one came first) */
        }
        Py_ssize_t j = count < k ? count++ : k - 1;
        for (; j > 0 && v > s[best[j - 1]]; j--) {
            best[j] = best[j - 1];
        }
        best[j] = i;
    }
    result = PyList_New(count);
    for (Py_ssize_t j = 0; result != NULL && j < count; j++) {
        PyObject *index = PyLong_FromSsize_t(best[j]);
        if (index == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, j, index);
    }

done:
    if (best != stack) {
        PyMem_Free(best);
    }
    PyBuffer_Release(&scores);
    return result;
}

/* --- character n-grams within words ------------------------------------------------------------
 * scikit-learn's char_wb analyzer looked up in a C table: each whitespace-separated word padded
 * with a space each side, its n-grams of min_n..max_n characters (a padded word no longer than n
 * counted once, whole). Python built every n-gram as a string and looked it up in a dict, which
 * cost most for Chinese, where a word is a whole unspaced clause seen once. Here an n-gram of up to
 * 5 characters is packed into two 64-bit keys and found by open addressing: no object per n-gram.
 * (Python still keeps the columns of short words, which repeat: fast_inference.py.) */

#define MAX_GRAM 5
#define GRAM_CAPSULE "walletbot._tfidf.GramTable"

typedef struct {
    uint64_t low, high; /* low: characters 0-2, 21 bits each; high: 3-4 and the length (never 0) */
    Py_ssize_t column;
} GramSlot;

typedef struct {
    GramSlot *slots;
    Py_ssize_t mask;
    int min_n, max_n;
} GramTable;

static uint64_t gram_hash(uint64_t low, uint64_t high) {
    uint64_t x = low ^ (high * 0x9E3779B97F4A7C15ull);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
}

static void gram_pack(const Py_UCS4 *chars, int n, uint64_t *low, uint64_t *high) {
    uint64_t l = 0, h = (uint64_t)n << 42;
    for (int i = 0; i < n; i++) {
        if (i < 3) {
            l |= (uint64_t)chars[i] << (21 * i);
        } else {
            h |= (uint64_t)chars[i] << (21 * (i - 3));
        }
    }
    *low = l;
    *high = h;
}

/* The slot holding the key, or the free slot where it would go (the table is never full). */
static GramSlot *gram_slot(const GramTable *t, uint64_t low, uint64_t high) {
    Py_ssize_t h = (Py_ssize_t)(gram_hash(low, high) & (uint64_t)t->mask);
    while (t->slots[h].high != 0 && !(t->slots[h].low == low && t->slots[h].high == high)) {
        h = (h + 1) & t->mask;
    }
    return &t->slots[h];
}

static Py_ssize_t gram_find(const GramTable *t, uint64_t low, uint64_t high) {
    const GramSlot *slot = gram_slot(t, low, high);
    return slot->high == 0 ? -1 : slot->column;
}

static void gram_table_free(PyObject *capsule) {
    GramTable *t = PyCapsule_GetPointer(capsule, GRAM_CAPSULE);
    if (t != NULL) {
        PyMem_Free(t->slots);
        PyMem_Free(t);
    }
}

PyDoc_STRVAR(char_gram_table_doc,
"char_gram_table(vocabulary, min_n, max_n)\n"
"\n"
"A table of the vocabulary (n-gram -> column, every n-gram 1 to 5 characters) for char_wb_columns.\n"
"ValueError when an n-gram or max_n is longer than 5 characters.");

static PyObject *char_gram_table(PyObject *self, PyObject *args) {
    PyObject *vocabulary;
    int min_n, max_n;
    if (!PyArg_ParseTuple(args, "O!ii", &PyDict_Type, &vocabulary, &min_n, &max_n)) {
        return NULL;
    }
    if (min_n < 1 || max_n < min_n || max_n > MAX_GRAM) {
        PyErr_SetString(PyExc_ValueError, "n-grams of 1 to 5 characters only");
        return NULL;
    }
    Py_ssize_t size = 16;
    while (size < 2 * PyDict_GET_SIZE(vocabulary)) {
        size *= 2;
    }
    GramTable *t = PyMem_Calloc(1, sizeof(GramTable));
    if (t == NULL || (t->slots = PyMem_Calloc((size_t)size, sizeof(GramSlot))) == NULL) {
        PyMem_Free(t);
        return PyErr_NoMemory();
    }
    t->mask = size - 1;
    t->min_n = min_n;
    t->max_n = max_n;
    PyObject *capsule = PyCapsule_New(t, GRAM_CAPSULE, gram_table_free);
    if (capsule == NULL) {
        PyMem_Free(t->slots);
        PyMem_Free(t);
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(vocabulary, &pos, &key, &value)) {
        Py_ssize_t n = PyUnicode_Check(key) ? PyUnicode_GET_LENGTH(key) : 0;
        if (n < 1 || n > MAX_GRAM) {
            PyErr_SetString(PyExc_ValueError, "n-grams of 1 to 5 characters only");
            goto fail;
        }
        Py_ssize_t column = PyLong_AsSsize_t(value);
        if (column == -1 && PyErr_Occurred()) {
            goto fail;
        }
        Py_UCS4 chars[MAX_GRAM];
        for (Py_ssize_t i = 0; i < n; i++) {
            chars[i] = PyUnicode_READ_CHAR(key, i);
        }
        uint64_t low, high;
        gram_pack(chars, (int)n, &low, &high);
        GramSlot *slot = gram_slot(t, low, high);
        slot->low = low;
        slot->high = high;
        slot->column = column;
    }
    return capsule;

fail:
    Py_DECREF(capsule);
    return NULL;
}

PyDoc_STRVAR(char_wb_columns_doc,
"char_wb_columns(table, text)\n"
"\n"
"The columns of text's char_wb n-grams found in the table (char_gram_table), repeats counted.");

static PyObject *char_wb_columns(PyObject *self, PyObject *args) {
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &capsule, &text)) {
        return NULL;
    }
    if (!PyCapsule_IsValid(capsule, GRAM_CAPSULE)) {
        PyErr_SetString(PyExc_TypeError, "table must come from char_gram_table");
        return NULL;
    }
    const GramTable *t = PyCapsule_GetPointer(capsule, GRAM_CAPSULE);
    PyObject *result = PyList_New(0);
    if (result == NULL) {
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t i = 0;
    while (i < length) {
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        Py_ssize_t start = i;
        while (i < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i == start) {
            break;
        }
        /* the word padded with a space each side: padded[k] for k in 0..size-1 */
        Py_ssize_t size = i - start + 2;
        for (int n = t->min_n; n <= t->max_n; n++) {
            int width = n < size ? n : (int)size;
            for (Py_ssize_t offset = 0; offset + width <= size; offset++) {
                Py_UCS4 chars[MAX_GRAM];
                for (int c = 0; c < width; c++) {
                    Py_ssize_t k = offset + c;
                    chars[c] = (k == 0 || k == size - 1) ? ' '
                                                         : PyUnicode_READ(kind, data, start + k - 1);
                }
                uint64_t low, high;
                gram_pack(chars, width, &low, &high);
                Py_ssize_t column = gram_find(t, low, high);
                if (column >= 0 && append_column(result, column) < 0) {
                    Py_DECREF(result);
                    return NULL;
                }
            }
            if (n >= size) {
                break; /* a padded word no longer than n counts once, whole */
            }
        }
    }
    return result;
}

/* --- fuzzy ratios ------------------------------------------------------------------------------
 * rapidfuzz's `fuzz.ratio` (normalised Indel similarity) of one query against many short strings:
 * rapidfuzz's `process.cdist` spends about a thousand instructions a string on Python objects and
 * its result matrix, for a comparison that takes a few hundred. The longest common subsequence is
 * computed with Hyyro's bit-parallel algorithm, as rapidfuzz does: one 64-bit word per 64
 * characters of the query, one pass over each string, characters absent from the query skipped. */

typedef struct {
    Py_ssize_t words;    /* 64-bit words per pattern row: ceil(query length / 64) */
    uint64_t *rows;      /* one row per distinct query character */
    Py_ssize_t ascii[128]; /* row of an ASCII character, -1 if absent */
    Py_UCS4 *keys;       /* open addressing for the others: code point (0 = free slot) */
    Py_ssize_t *slots;
    Py_ssize_t mask;     /* table size - 1 */
} Pattern;

/* The table slot of a non-ASCII character, or the free slot where it would go. */
static Py_ssize_t pattern_slot(const Pattern *p, Py_UCS4 c) {
    Py_ssize_t h = (Py_ssize_t)(c * 2654435761u) & p->mask;
    while (p->keys[h] != 0 && p->keys[h] != c) {
        h = (h + 1) & p->mask;
    }
    return h;
}

static Py_ssize_t pattern_row(const Pattern *p, Py_UCS4 c) {
    if (c < 128) {
        return p->ascii[c];
    }
    Py_ssize_t h = pattern_slot(p, c);
    return p->keys[h] == 0 ? -1 : p->slots[h];
}

static int pattern_build(Pattern *p, PyObject *query) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(query);
    int kind = PyUnicode_KIND(query);
    const void *data = PyUnicode_DATA(query);
    Py_ssize_t size = 8;
    while (size < 2 * n) {
        size *= 2;
    }
    p->words = (n + 63) / 64;
    p->mask = size - 1;
    p->rows = PyMem_Calloc((size_t)(n > 0 ? n : 1) * (size_t)(p->words > 0 ? p->words : 1),
                           sizeof(uint64_t));
    p->keys = PyMem_Calloc((size_t)size, sizeof(Py_UCS4));
    p->slots = PyMem_Calloc((size_t)size, sizeof(Py_ssize_t));
    if (p->rows == NULL || p->keys == NULL || p->slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (int c = 0; c < 128; c++) {
        p->ascii[c] = -1;
    }
    Py_ssize_t used = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t row = pattern_row(p, c);
        if (row < 0) {
            row = used++;
            if (c < 128) {
                p->ascii[c] = row;
            } else {
                Py_ssize_t h = pattern_slot(p, c);
                p->keys[h] = c;
                p->slots[h] = row;
            }
        }
        p->rows[row * p->words + i / 64] |= (uint64_t)1 << (i % 64);
    }
    return 0;
}

static void pattern_free(Pattern *p) {
    PyMem_Free(p->rows);
    PyMem_Free(p->keys);
    PyMem_Free(p->slots);
}

/* Length of the longest common subsequence of the query and `text`; `state` has `words` words. */
static Py_ssize_t lcs_length(const Pattern *p, PyObject *text, uint64_t *state) {
    Py_ssize_t words = p->words;
    for (Py_ssize_t w = 0; w < words; w++) {
        state[w] = ~(uint64_t)0;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t row = pattern_row(p, PyUnicode_READ(kind, data, i));
        if (row < 0) {
            continue; /* no match anywhere in the query: the state does not change */
        }
        const uint64_t *matches = p->rows + row * words;
        uint64_t carry = 0;
        for (Py_ssize_t w = 0; w < words; w++) {
            uint64_t s = state[w], u = s & matches[w];
            uint64_t x = s + u;
            uint64_t carry_out = x < s;
            x += carry;
            carry_out |= x < carry;
            carry = carry_out;
            state[w] = x | (s - u);
        }
    }
    Py_ssize_t common = 0;
    for (Py_ssize_t w = 0; w < words; w++) {
        common += __builtin_popcountll(~state[w]);
    }
    return common;
}

PyDoc_STRVAR(max_ratios_doc,
"max_ratios(query, groups)\n"
"\n"
"For each group (a list of str), the highest rapidfuzz `fuzz.ratio(query, text)` of its texts,\n"
"as a list of floats: 100 * (1 - (len(query) + len(text) - 2 * lcs) / (len(query) + len(text))),\n"
"100 for two empty strings, 0.0 for an empty group. The same floats as rapidfuzz's.");

static PyObject *max_ratios(PyObject *self, PyObject *args) {
    PyObject *query, *groups;
    if (!PyArg_ParseTuple(args, "UO!", &query, &PyList_Type, &groups)) {
        return NULL;
    }
    Pattern pattern = {0};
    uint64_t *state = NULL;
    PyObject *result = NULL;
    if (pattern_build(&pattern, query) < 0) {
        goto done;
    }
    state = PyMem_Malloc((size_t)(pattern.words > 0 ? pattern.words : 1) * sizeof(uint64_t));
    if (state == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t n_groups = PyList_GET_SIZE(groups);
    Py_ssize_t query_length = PyUnicode_GET_LENGTH(query);
    result = PyList_New(n_groups);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t g = 0; g < n_groups; g++) {
        PyObject *group = PyList_GET_ITEM(groups, g);
        if (!PyList_Check(group)) {
            PyErr_SetString(PyExc_TypeError, "groups must be lists of str");
            goto fail;
        }
        double best = 0.0;
        for (Py_ssize_t t = 0; t < PyList_GET_SIZE(group); t++) {
            PyObject *text = PyList_GET_ITEM(group, t);
            if (!PyUnicode_Check(text)) {
                PyErr_SetString(PyExc_TypeError, "groups must be lists of str");
                goto fail;
            }
            Py_ssize_t total = query_length + PyUnicode_GET_LENGTH(text);
            Py_ssize_t distance = total - 2 * lcs_length(&pattern, text, state);
            /* rapidfuzz's order of operations, so the floats are the same */
            double normalised = total ? (double)distance / (double)total : 0.0;
            double ratio = (1.0 - normalised) * 100;
            if (ratio > best) {
                best = ratio;
            }
        }
        PyObject *value = PyFloat_FromDouble(best);
        if (value == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(result, g, value);
    }
    goto done;

fail:
    Py_CLEAR(result);
done:
    PyMem_Free(state);
    pattern_free(&pattern);
    return result;
}

static PyMethodDef methods[] = {
    {"char_gram_table", char_gram_table, METH_VARARGS, char_gram_table_doc},
    {"char_wb_columns", char_wb_columns, METH_VARARGS, char_wb_columns_doc},
    {"max_ratios", max_ratios, METH_VARARGS, max_ratios_doc},
    {"top_k", top_k, METH_VARARGS, top_k_doc},
    {"add_scores", add_scores, METH_VARARGS, add_scores_doc},
    {"pair_columns", pair_columns, METH_VARARGS, pair_columns_doc},
    {"word_columns", word_columns, METH_VARARGS, word_columns_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_tfidf",
    "The lean inference path's C functions, one message per call.", -1,
    methods,
};

PyMODINIT_FUNC PyInit__tfidf(void) { return PyModule_Create(&module); }
