package output

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"
)

// RowGroupRows caps a row group; about 128k rows keeps pages a reader can
// skip without holding too much of a part in memory.
const RowGroupRows = 128 * 1024

// flushBytes is how much row data a table buffers before it closes a row
// group early, so memory stays flat when rows are large (documents.text).
const flushBytes = 8 << 20

// pageBytes is the size of a column's page buffer: a page is encoded and
// compressed when its values reach it. Parquet's usual 1 MiB, rather than
// parquet-go's 256 KiB, gives the writer a quarter of the pages, each
// with its header, statistics, index entry and zstd block set-up, and zstd
// a longer text to find repeats in: on the benchmark corpus the writer
// executes 7% fewer instructions and the parts are 18% smaller (documents
// and sentences 30-45%), for about 7 MB more peak RSS.
const pageBytes = 1 << 20

// partBuffer is the write buffer of a part file. Pages, of about 1 MiB,
// go past it to the file; it gathers the small writes of page headers
// and footers. A run has six parts a worker open, so it stays small.
const partBuffer = 128 << 10

// zstdFastest compresses parts with zstd's fastest level: on report
// tables it makes files a few percent larger than the default level at
// half the CPU, which a single-worker run spends on the writer's
// goroutine.
var zstdFastest = new(zstdCodec)

// Version is written into every part's metadata and the manifest.
var Version = "dev"

// part writes one Parquet file of one table under a temporary name.
type part[T any] struct {
	table   string
	tmp     string // hidden name while being written
	f       *os.File
	buf     *bufio.Writer
	w       *parquet.GenericWriter[T]
	rows    int64
	pending int // approximate bytes buffered since the last flush
	flush   int // pending bytes at which it closes a row group
}

func newPart[T any](dir, table, name string) (*part[T], error) {
	final := filepath.Join(dir, table, name)
	tdir := filepath.Join(dir, table)
	if err := os.MkdirAll(tdir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	p := &part[T]{
		table: table,
		tmp:   tmpPartName(final),
		flush: flushBytes,
	}
	f, err := os.Create(p.tmp)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	p.f = f
	p.buf = bufio.NewWriterSize(f, partBuffer)
	opts := []parquet.WriterOption{
		parquet.Compression(zstdFastest),
		parquet.MaxRowsPerRowGroup(RowGroupRows),
		parquet.CreatedBy("baogao", Version, ""),
		// Min and max per page stay in the column index and per row
		// group in the footer, where readers look (DuckDB uses the
		// footer's); the copy in every page header cost a second min/max
		// pass over each page and stored whole documents' text twice in
		// each page of documents.text.
		parquet.DataPageStatistics(false),
		parquet.PageBufferSize(pageBytes),
	}
	for _, col := range noBounds[table] {
		opts = append(opts, parquet.SkipPageBounds(col))
	}
	p.w = parquet.NewGenericWriter[T](p.buf, opts...)
	return p, nil
}

// noBounds names, per table, the columns written without min and max.
// Whole texts: no reader prunes by them, and the writer would otherwise
// hold them in full for every page until the part is done (94 MB of a
// run over reports of 2 MB). The strings of the record tables other
// than doc_id: they follow no order in a part, so every row group and
// page spans about all their values and a filter skips none, while the
// writer looked up and compared every value of every page twice to find
// the bounds, 15% of its instructions. And the offsets and indexes
// within a document (sentence, paragraph, start, end, raw_start,
// raw_end): every document starts at 0, so a row group of many
// documents spans about 0 to the longest one's length and no filter on
// them skips it, while their min and max passes cost the writer 1% of
// its instructions. doc_id keeps its bounds, as rows come in document
// order, and so do documents.chars and the figures' values.
var noBounds = map[string][]string{
	"documents":  {"text"},
	"sentences":  {"sentence", "paragraph", "start", "end", "text"},
	"quantities": {"sentence", "start", "end", "raw_start", "raw_end", "text", "unit", "dimension", "qualifier", "change", "basis", "period", "indicator", "subject", "rule"},
	"times":      {"sentence", "start", "end", "raw_start", "raw_end", "text", "value", "granularity", "rule"},
	"entities":   {"sentence", "start", "end", "raw_start", "raw_end", "text", "type", "normalized", "region_code", "rule"},
}

func (p *part[T]) write(rows []T, size int) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := p.w.Write(rows); err != nil {
		return fmt.Errorf("output: write %s: %w", p.table, err)
	}
	p.rows += int64(len(rows))
	p.pending += size
	if p.pending >= p.flush {
		p.pending = 0
		if err := p.w.Flush(); err != nil {
			return fmt.Errorf("output: write %s: %w", p.table, err)
		}
	}
	return nil
}

// finish writes the footer and syncs the part; it stays under its
// hidden name until its commit renames it into place.
func (p *part[T]) finish() error {
	err := p.w.Close()
	if err == nil {
		err = p.buf.Flush()
	}
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("output: finish %s part: %w", p.table, err)
	}
	return nil
}

func (p *part[T]) abort() {
	p.f.Close()
	os.Remove(p.tmp)
}

// Writer appends the rows of one run to a dataset: one new part per table.
// It is not safe for concurrent use; feed it from one goroutine.
type Writer struct {
	dir        string
	name       string
	documents  *part[DocumentRow]
	sentences  *part[SentenceRow]
	quantities *part[QuantityRow]
	times      *part[TimeRow]
	entities   *part[EntityRow]
	errors     *part[ErrorRow]
	aborts     []func()
	closed     bool
	commit     int // the number of the commit it belongs to, in its run
}

// NewWriter starts new parts named name (for example
// "part-20261127T101500-00001.parquet") in every table folder under dir.
// Names must be unique in the dataset; the caller chooses them so that
// concurrent runs (shards) never collide.
func NewWriter(dir, name string) (*Writer, error) {
	if !strings.HasSuffix(name, ".parquet") || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("output: bad part name %q", name)
	}
	w := &Writer{dir: dir, name: name}
	var err error
	w.documents = openPart[DocumentRow](w, "documents", &err)
	w.sentences = openPart[SentenceRow](w, "sentences", &err)
	w.quantities = openPart[QuantityRow](w, "quantities", &err)
	w.times = openPart[TimeRow](w, "times", &err)
	w.entities = openPart[EntityRow](w, "entities", &err)
	w.errors = openPart[ErrorRow](w, "errors", &err)
	if err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// openPart opens a table's part unless an earlier one failed.
func openPart[T any](w *Writer, table string, err *error) *part[T] {
	if *err != nil {
		return nil
	}
	p, e := newPart[T](w.dir, table, w.name)
	if e != nil {
		*err = e
		return nil
	}
	w.aborts = append(w.aborts, p.abort)
	return p
}

// Write appends one document's rows.
func (w *Writer) Write(b *Batch) error {
	return errors.Join(
		w.documents.write(b.Documents, b.docBytes()),
		w.sentences.write(b.Sentences, b.sentenceBytes()),
		w.quantities.write(b.Quantities, 200*len(b.Quantities)),
		w.times.write(b.Times, 100*len(b.Times)),
		w.entities.write(b.Entities, 100*len(b.Entities)),
		w.errors.write(b.Errors, 200*len(b.Errors)),
	)
}

// shareFlush makes w close its row groups at 1/n of flushBytes: the n
// writers of a run's workers then buffer as much between them as one.
func (w *Writer) shareFlush(n int) {
	flush := flushBytes / max(n, 1)
	w.documents.flush, w.sentences.flush, w.quantities.flush = flush, flush, flush
	w.times.flush, w.entities.flush, w.errors.flush = flush, flush, flush
}

// Rows returns the number of rows written so far per table.
func (w *Writer) Rows() map[string]int64 {
	return map[string]int64{
		"documents": w.documents.rows, "sentences": w.sentences.rows,
		"quantities": w.quantities.rows, "times": w.times.rows,
		"entities": w.entities.rows, "errors": w.errors.rows,
	}
}

// PartInfo describes a part file of a commit.
type PartInfo struct {
	Table string `json:"table"`
	Path  string `json:"path"` // relative to the dataset folder, with "/"
	Rows  int64  `json:"rows"`
}

// finishWriters completes the parts of ws, writers of one commit, under
// their hidden names, all at once: each still encodes and compresses its
// last row group and syncs its file, work that a run waits for after its
// last document. A table that got no rows gets no part, unless it has
// none yet: every table of a dataset then exists and carries its schema,
// in one empty part.
func finishWriters(ws []*Writer) ([]PartInfo, error) {
	type job struct {
		w      *Writer
		table  string
		rows   int64
		finish func() error
		abort  func()
	}
	var jobs []job
	rows := map[string]int64{}
	for _, w := range ws {
		if w.closed {
			return nil, errors.New("output: writer already closed")
		}
		w.closed = true
		for _, j := range []job{
			{w, "documents", w.documents.rows, w.documents.finish, w.documents.abort},
			{w, "sentences", w.sentences.rows, w.sentences.finish, w.sentences.abort},
			{w, "quantities", w.quantities.rows, w.quantities.finish, w.quantities.abort},
			{w, "times", w.times.rows, w.times.finish, w.times.abort},
			{w, "entities", w.entities.rows, w.entities.finish, w.entities.abort},
			{w, "errors", w.errors.rows, w.errors.finish, w.errors.abort},
		} {
			jobs = append(jobs, j)
			rows[j.table] += j.rows
		}
	}
	finished := make([]bool, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		schemaOnly := rows[j.table] == 0 && j.w == ws[0] && !hasParts(filepath.Join(j.w.dir, j.table))
		if j.rows == 0 && !schemaOnly {
			j.abort()
			continue
		}
		wg.Go(func() {
			errs[i] = j.finish()
			finished[i] = errs[i] == nil
		})
	}
	wg.Wait()
	var infos []PartInfo
	for i, j := range jobs {
		if finished[i] {
			infos = append(infos, PartInfo{Table: j.table, Path: j.table + "/" + j.w.name, Rows: j.rows})
		}
	}
	if err := errors.Join(errs...); err != nil {
		for _, pi := range infos {
			os.Remove(tmpPartName(filepath.Join(ws[0].dir, filepath.FromSlash(pi.Path))))
		}
		return nil, err
	}
	return infos, nil
}

// Abort removes the parts in progress; nothing of this run stays visible.
func (w *Writer) Abort() {
	w.closed = true
	for _, abort := range w.aborts {
		abort()
	}
}

func hasParts(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.parquet"))
	return len(m) > 0
}
