package output

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/segment"
)

// Job describes one run: inputs in, a dataset out.
type Job struct {
	// Inputs to process; with none, the embedded sample report.
	Inputs []corpus.Input
	// Out is the dataset folder (created when missing).
	Out string
	// Workers is how many documents are processed at once; 0 means one
	// per CPU. The rows are the same whatever the number; each worker
	// writes parts of its own, so their order across a table's parts is
	// not.
	Workers int
	// Shard, "i/N", processes the inputs whose path hashes to i of N, so
	// N machines can share a corpus and one dataset; "" takes all.
	Shard string
	// Segmenter and Pipeline do the work; both are shared by all workers.
	Segmenter *segment.Segmenter
	Pipeline  *extract.Pipeline
	// RulesHash and Version identify what produced the rows; an input is
	// processed again when either changes.
	RulesHash string
	Version   string
	// CommitBytes makes the run commit its parts after about this much
	// input, or 50,000 inputs, so a killed run keeps what it finished.
	// 0 means 256 MiB.
	CommitBytes int64
	// Progress, when set, is called after each input from one goroutine.
	Progress func(Progress)
	// OnError, when set, is called with each failed input or document.
	OnError func(*corpus.InputError)
	// Stop, when closed, makes the run take no new input: it finishes the
	// inputs it has begun, commits them with the rest of its work, and
	// returns ErrStopped. Cancelling the context instead ends the run at
	// once and loses what its last commit did not take.
	Stop <-chan struct{}
}

// ErrStopped is returned by Run when Job.Stop ended it before its last
// input; all it did is committed, and a new run with the same job goes on
// where it stopped.
var ErrStopped = errors.New("stopped before the last input; what was done is committed")

// Progress is the state of a run for a progress display.
type Progress struct {
	Inputs, InputsTotal int
	Bytes, BytesTotal   int64
	Documents           int
	Elapsed             time.Duration
}

// Summary is what a run did.
type Summary struct {
	Out                                 string
	Inputs                              int // inputs taken (after sharding)
	UpToDate                            int // inputs skipped: already in the dataset
	Replaced                            int // inputs processed again: changed, or new rules or version
	Documents, Sentences                int
	Quantities, Times, Entities, Errors int
	Bytes                               int64 // input bytes processed
	Commits                             int
	Left                                int // inputs not begun: the run was stopped
	Elapsed                             time.Duration
}

// MBPerSecond is the throughput over the input bytes processed.
func (s Summary) MBPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Bytes) / 1e6 / s.Elapsed.Seconds()
}

// item is one unit of work in input order: a document, a failure, or the
// end of an input, which the last document or failure of an input carries
// when it is known to be the last (a text or HTML file has one document).
type item struct {
	seq    int
	input  int
	doc    *corpus.Document
	err    *corpus.InputError
	raw    []byte // a text or HTML file's bytes or a JSONL line's, for a worker to read into doc
	source string // with raw: the file's path
	format string // with raw: its format
	line   int    // with raw of a JSONL file: the line's number
	end    bool   // the input is complete with this item
	sha    string // with end or raw: the input's digest
	bytes  int64  // with end: input size
	result *Batch
	counts [4]int // sentences, quantities, times, entities
	weight int64  // bytes held against the read-ahead budget
	commit int    // the commit whose parts its rows go to, from 0
	last   bool   // with end: the last input of its commit
	// writeErr is the error writing its rows, which ends the run.
	writeErr error
}

// Read-ahead bounds; see Run.
const (
	readAheadItems = 16
	readAheadBytes = 64 << 20
)

// commitInputs makes a run commit after this many inputs even when they
// hold less than CommitBytes: the commit's pending record is held in
// memory, about 250 bytes an input.
const commitInputs = 50_000

// Run processes the job's inputs into its dataset. It returns an error
// only when the dataset cannot be written; inputs that fail become rows of
// the errors table, are reported through OnError, and counted in
// Summary.Errors.
func Run(ctx context.Context, job Job) (Summary, error) {
	start := time.Now()
	sum := Summary{Out: job.Out}
	ds, err := Open(job.Out, job.Shard, job.Version, job.RulesHash)
	if err != nil {
		return sum, err
	}
	inputs, err := shardInputs(job.Inputs, job.Shard)
	if err != nil {
		return sum, err
	}
	sum.Inputs = len(inputs)
	workers := job.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	commitBytes := job.CommitBytes
	if commitBytes <= 0 {
		commitBytes = 256 << 20
	}
	var total int64
	for _, in := range inputs {
		total += max(in.Size, 0)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The reader runs ahead of the workers, so that a worker never waits
	// for the next document, by up to readAheadItems items per worker
	// besides the batch each works on, and readAheadBytes of text in all;
	// both bounds keep memory flat however large the corpus is (a
	// document larger than the byte budget goes alone). An item counts
	// from when it is read until the collector is done with it: were the
	// batches not counted apart, workers taking all that is ready would
	// leave the reader no room to read the next.
	perWorker := readAheadItems + workBatch
	window := make(chan struct{}, perWorker*workers)
	inFlight := semaphore.NewWeighted(readAheadBytes)
	todo := make(chan *item, perWorker*workers)
	done := make(chan *item, perWorker*workers)

	stopped := false // set by the reader before it closes todo
	go func() {
		defer close(todo)
		seq, commit := 0, 0
		var commitSize int64
		commitCount := 0
		send := func(it *item) bool {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			switch {
			case it.doc != nil:
				it.weight = int64(len(it.doc.Raw) + len(it.doc.Text))
			case it.raw != nil:
				it.weight = 3 * int64(len(it.raw)) // the bytes, then the raw and repaired text
			}
			if it.weight > 0 {
				it.weight = min(it.weight, readAheadBytes)
				if inFlight.Acquire(ctx, it.weight) != nil {
					return false
				}
			}
			it.seq, it.commit = seq, commit
			seq++
			if it.end {
				// The reader, not the collector, cuts the run into commits,
				// so a worker knows which commit's parts a row goes to.
				commitSize += max(it.bytes, 0)
				if commitCount++; commitSize >= commitBytes || commitCount >= commitInputs {
					it.last = true
					commit, commitSize, commitCount = commit+1, 0, 0
				}
			}
			todo <- it
			return true
		}
		if len(job.Inputs) == 0 {
			d := corpus.Sample()
			if ds.Done(corpus.SampleName, d.SHA256) {
				sum.UpToDate++
				return
			}
			send(&item{doc: d, end: true, sha: d.SHA256, bytes: int64(len(d.Raw))})
			return
		}
		for i, in := range inputs {
			select {
			case <-job.Stop:
				// Stop at an input's boundary, so that every input begun
				// is whole in the commit that takes it.
				stopped, sum.Left = true, len(inputs)-i
				return
			default:
			}
			data, sha, err := readWhole(in)
			if err == nil && ds.Done(in.Path, sha) {
				sum.UpToDate++ // only this goroutine writes it until the collector finishes
				continue
			}
			if ds.Known(in.Path) {
				sum.Replaced++ // as UpToDate
			}
			end := &item{input: i, end: true, sha: sha, bytes: max(in.Size, 0)}
			switch {
			case err != nil:
				end.err = err
				if !send(end) {
					return
				}
				continue
			case data != nil && formatOf(in) != "jsonl":
				// One document, decoded and repaired by a worker: that is
				// a tenth of a run's work, which the reader alone would
				// otherwise do for every worker. The same item ends the
				// input: one item a report, not two.
				end.raw, end.source, end.format = data, in.Path, formatOf(in)
				if !send(end) {
					return
				}
				continue
			case in.Path != "-" && formatOf(in) == "jsonl":
				// One document a line, decoded by a worker likewise.
				for line, err := range corpus.JSONLines(in) {
					it := &item{input: i, raw: line.Bytes, line: line.No, source: in.Path, format: "jsonl"}
					if err != nil {
						it = &item{input: i, err: asInputError(in.Path, err)}
					}
					if !send(it) {
						return
					}
				}
			default:
				for d, err := range corpus.Read(in) {
					it := &item{input: i, doc: d}
					if err != nil {
						it.doc, it.err = nil, asInputError(in.Path, err)
					}
					if !send(it) {
						return
					}
				}
			}
			if !send(end) {
				return
			}
		}
	}()

	// Each worker writes the rows it makes into parts of its own, one set
	// a commit, so that encoding and compressing them, a sixth of a run's
	// work, is spread over the workers like the rest.
	writers := newCommitWriters(ds, workers)
	defer writers.abort() // what no commit took: after an error or a cancel
	working := semaphore.NewWeighted(workBytes)
	workersDone := make(chan struct{})
	for worker := range workers {
		go func() {
			defer func() { workersDone <- struct{}{} }()
			// Only once there is work: a rerun that finds every input
			// done has none to wait for.
			wait := total >= waitForDictionary && job.Segmenter != nil
			batch := make([]*item, 0, workBatch)
			var docs [workBatch]extract.Doc
			var recs extract.Records
			for it := range todo {
				if wait {
					job.Segmenter.Load() // on error it goes on with per-text dictionaries
					wait = false
				}
				batch = ready(append(batch[:0], it), todo)
				weight := min(int64(batchText(batch)), workBytes)
				if working.Acquire(ctx, weight) != nil {
					weight = 0 // cancelled: finish the batch anyway, the collector drops it
				}
				processBatch(job, batch, &docs, &recs)
				working.Release(weight)
				for _, it := range batch {
					if it.result != nil && ctx.Err() == nil {
						it.writeErr = writers.write(it.commit, worker, it.result)
						it.result = nil
					}
					done <- it
				}
			}
		}()
	}
	go func() {
		for range workers {
			<-workersDone
		}
		close(done)
	}()

	pending := map[string]InputEntry{}
	var writeErr error
	commit := func(seq int) {
		if writeErr != nil {
			return
		}
		ws := writers.take(seq)
		var err error
		if len(pending) > 0 || len(ws) > 0 {
			_, err = ds.commitWriters(seq+1, ws, pending)
			sum.Commits++
		}
		if err != nil {
			writeErr = err
			cancel()
		}
		pending = map[string]InputEntry{}
	}
	waiting := map[int]*item{}
	next := 0
	var prog Progress
	prog.InputsTotal, prog.BytesTotal = len(inputs), total
	lastCommit := 0
	var inputDocs, inputErrs int // of the input whose items are being collected
	for it := range done {
		waiting[it.seq] = it
		for {
			it, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			<-window
			inFlight.Release(it.weight)
			if writeErr != nil {
				continue
			}
			if it.writeErr != nil {
				writeErr = it.writeErr
				cancel()
				continue
			}
			if it.err != nil {
				sum.Errors++
				inputErrs++
				if job.OnError != nil {
					job.OnError(it.err)
				}
			}
			if it.doc != nil {
				inputDocs++
				sum.Documents++
				sum.Sentences += it.counts[0]
				sum.Quantities += it.counts[1]
				sum.Times += it.counts[2]
				sum.Entities += it.counts[3]
			}
			if it.end {
				src := corpus.SampleName
				if len(job.Inputs) > 0 {
					src = inputs[it.input].Path
				}
				if src != "-" { // stdin has no identity to skip on later
					pending[src] = InputEntry{SHA256: it.sha, Documents: inputDocs, Errors: inputErrs}
				}
				inputDocs, inputErrs = 0, 0
				sum.Bytes += it.bytes
				prog.Inputs++
				prog.Bytes += it.bytes
				prog.Documents = sum.Documents
				prog.Elapsed = time.Since(start)
				if job.Progress != nil {
					job.Progress(prog)
				}
				if it.last {
					commit(it.commit)
					lastCommit = it.commit + 1
				}
			}
		}
	}
	if writeErr == nil && ctx.Err() == nil {
		commit(lastCommit)
	}
	if err := ds.Close(); err != nil && writeErr == nil {
		writeErr = err
	}
	sum.Elapsed = time.Since(start)
	if writeErr != nil {
		return sum, writeErr
	}
	if err := context.Cause(ctx); err != nil {
		return sum, err
	}
	if stopped {
		return sum, ErrStopped
	}
	return sum, nil
}

// waitForDictionary is the size of a run's inputs from which its workers
// wait for the segmenter's full dictionary (built in about 0.15 s of a
// run's start) before they start, rather than build a dictionary of each
// document's words meanwhile, which costs them more CPU and slows the
// build they share the cores with. On 6 MB of reports waiting took 0.46-
// 0.78 s with two workers against 0.68-1.27 s; on 2 MB the two were even.
const waitForDictionary = 2 << 20

// workBatch is how many read items a worker takes at once, if they are
// ready: it segments them all, then extracts from them all. Segmenting one
// document after another keeps the dictionary's hot slots in the cache,
// which extraction between two documents evicts; on the benchmark corpus
// a worker spends about 6% less CPU this way than one item at a time.
const workBatch = readAheadItems

// workBatchBytes bounds the text of a batch: a segmented document holds
// about 12 bytes of tokens a byte of text until it is extracted from, so
// a batch of large documents would hold too much at once.
const workBatchBytes = 1 << 20

// workBytes bounds the text that all workers process at once: a document
// takes about 25 bytes of memory a byte of text while it is processed
// (tokens, records, the extractors' scratch), so large documents are
// processed one after another, whatever the number of workers. Two
// batches of ordinary documents, at most workBatchBytes and one document
// each, never wait for each other, nor does one beside a report of 2 MB;
// two such reports at once (4 MiB, as this was) took the live heap to the
// run's soft limit, where the collector ran without pause: on 40 reports
// of 2 MB two workers then spent 14.3 s of CPU and 279 MB where one at a
// time takes 9.8 s and 246 MB, in the same 7.2 s.
const workBytes = 3 << 20

// ready appends to batch the items waiting in todo, without waiting for
// more, until batch holds workBatch items or workBatchBytes of text.
func ready(batch []*item, todo <-chan *item) []*item {
	size := batchText(batch)
	for len(batch) < workBatch && size < workBatchBytes {
		select {
		case it, ok := <-todo:
			if !ok {
				return batch
			}
			batch = append(batch, it)
			size += it.textLen()
		default:
			return batch
		}
	}
	return batch
}

// batchText is the length of the documents' texts in batch.
func batchText(batch []*item) int {
	size := 0
	for _, it := range batch {
		size += it.textLen()
	}
	return size
}

// textLen is the length of the item's document text, if it has one.
func (it *item) textLen() int {
	switch {
	case it.doc != nil:
		return len(it.doc.Text)
	case it.raw != nil:
		return len(it.raw)
	}
	return 0
}

// processBatch segments and extracts the documents of a batch of items
// into rows: first every segmentation, then every extraction. The
// segmented documents go into docs, and the records of each in turn into
// recs: the worker reuses their memory once the rows are built.
func processBatch(job Job, batch []*item, docs *[workBatch]extract.Doc, recs *extract.Records) {
	for i, it := range batch {
		readItem(it)
		segmentItem(job, it, &docs[i])
	}
	for i, it := range batch {
		extractItem(job, it, &docs[i], recs)
	}
}

// readItem decodes and repairs the bytes of an item that holds a text or
// HTML file's, or a JSONL line's, into its document, or its error; a
// panic becomes an error row for that input, and the run goes on.
func readItem(it *item) {
	if it.raw == nil {
		return
	}
	raw := it.raw
	it.raw = nil
	defer func() {
		if p := recover(); p != nil {
			it.doc = nil
			it.err = &corpus.InputError{Source: it.source, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	if it.format == "jsonl" {
		d, err := corpus.ReadJSONLine(it.source, corpus.Line{No: it.line, Bytes: raw})
		if err != nil {
			it.err = asInputError(it.source, err)
		}
		it.doc = d
		return
	}
	for d, err := range corpus.ReadDigested(it.source, it.format, raw, it.sha) {
		if err != nil {
			it.err = asInputError(it.source, err)
		} else {
			it.doc = d
		}
	}
}

// segmentItem segments the document of an item into doc, if it has one
// that has not failed; a panic becomes an error row for that document,
// and the run goes on.
func segmentItem(job Job, it *item, doc *extract.Doc) {
	if it.doc == nil || it.err != nil {
		return
	}
	d := it.doc
	defer recoverItem(it, "segment")
	job.Pipeline.SegmentInto(doc, job.Segmenter, d.Text, paragraphSpans(d))
	doc.Published = d.Published
}

// extractItem turns an item into rows: its read error, or the records
// extracted from its segmented document, through recs. A panic becomes
// an error row for that document, and the run goes on.
func extractItem(job Job, it *item, doc *extract.Doc, recs *extract.Records) {
	switch {
	case it.result != nil: // segmentItem failed
		return
	case it.err != nil:
		it.result = ErrorBatch(it.err.Source, "", "read", it.err.Error())
		return
	case it.doc == nil: // only the end of an input
		return
	}
	d := it.doc
	defer recoverItem(it, "extract")
	sents := doc.Sentences
	*recs = extract.Records{Quantities: recs.Quantities[:0], Times: recs.Times[:0], Entities: recs.Entities[:0]}
	job.Pipeline.ExtractInto(doc, recs)
	it.result = NewBatch(d, sents, recs)
	it.counts = [4]int{len(sents), len(recs.Quantities), len(recs.Times), len(recs.Entities)}
	// Let the text go once its rows exist: neither the item nor the
	// worker's Doc, which waits for the next batch, holds it.
	it.doc = &corpus.Document{ID: d.ID, Source: d.Source}
	doc.Text, doc.Original, doc.Sentences = "", "", nil
	if len(d.Text) > workBatchBytes {
		// The records of a large document are not worth keeping, with
		// what the strings of their slices' spare room still hold.
		*recs = extract.Records{}
	}
}

// recoverItem, deferred, turns a panic in a stage of an item's document
// into that document's error and error row.
func recoverItem(it *item, stage string) {
	p := recover()
	if p == nil {
		return
	}
	d := it.doc
	msg := fmt.Sprintf("panic: %v\n%s", p, debug.Stack())
	it.err = &corpus.InputError{Source: d.Source, Err: fmt.Errorf("%s: %s", d.ID, msg)}
	it.result = ErrorBatch(d.Source, d.ID, stage, msg)
	it.counts = [4]int{}
}

// paragraphSpans converts a document's paragraphs for the segmenter.
func paragraphSpans(d *corpus.Document) []segment.Span {
	out := make([]segment.Span, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		out[i] = segment.Span{Start: p.Start, End: p.End}
	}
	return out
}

func asInputError(source string, err error) *corpus.InputError {
	var ie *corpus.InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &corpus.InputError{Source: source, Err: err}
}

// wholeFile is the size up to which a text or HTML input is read once,
// hashed and decoded from memory; larger files, and JSONL files, which are
// streamed, are read once to hash them and again to decode them.
const wholeFile = 16 << 20

// formatOf is the format corpus.Read reads an input in.
func formatOf(in corpus.Input) string {
	if in.Format != "" {
		return in.Format
	}
	f, _ := corpus.FormatOf(in.Path)
	return f
}

// readWhole hashes an input's bytes and, when it is a text or HTML file
// of up to wholeFile bytes, returns them too, so that it is read once.
// The digest decides whether to read the input at all; standard input
// gets no digest.
func readWhole(in corpus.Input) ([]byte, string, *corpus.InputError) {
	if in.Path == "-" {
		return nil, "", nil
	}
	if formatOf(in) != "jsonl" && in.Size >= 0 && in.Size <= wholeFile {
		data, err := readUpTo(in.Path, in.Size, wholeFile)
		if err != nil {
			return nil, "", &corpus.InputError{Source: in.Path, Err: err}
		}
		if len(data) <= wholeFile {
			sum := sha256.Sum256(data)
			return data, hex.EncodeToString(sum[:]), nil
		}
		// It grew since it was found: hash it as a large file, and let
		// corpus.Read read it.
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, "", &corpus.InputError{Source: in.Path, Err: err}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, "", &corpus.InputError{Source: in.Path, Err: err}
	}
	return nil, hex.EncodeToString(h.Sum(nil)), nil
}

// shardInputs keeps the inputs of shard "i/N": those whose path hashes to
// i-1 modulo N. Hashing the path, not the position in the list, keeps an
// input in its shard when files are added or removed.
func shardInputs(inputs []corpus.Input, shard string) ([]corpus.Input, error) {
	if shard == "" {
		return inputs, nil
	}
	i, n, err := parseShard(shard)
	if err != nil {
		return nil, err
	}
	var out []corpus.Input
	for _, in := range inputs {
		h := fnv.New64a()
		h.Write([]byte(in.Path))
		if int(h.Sum64()%uint64(n)) == i-1 {
			out = append(out, in)
		}
	}
	return out, nil
}

// commitWriters holds the workers' writers of the commits in progress:
// a worker writes to the writer of its own and of the commit its item
// belongs to, opened when first needed. A commit's writers are taken by
// the collector once every item of that commit is written, and workers
// by then write to the next commit's.
type commitWriters struct {
	ds      *Dataset
	workers int
	mu      sync.Mutex
	open    map[int][]*Writer // commit → writer per worker, nil where none yet
}

func newCommitWriters(ds *Dataset, workers int) *commitWriters {
	return &commitWriters{ds: ds, workers: workers, open: map[int][]*Writer{}}
}

// write appends b to worker's part of commit.
func (c *commitWriters) write(commit, worker int, b *Batch) error {
	c.mu.Lock()
	ws := c.open[commit]
	if ws == nil {
		ws = make([]*Writer, c.workers)
		c.open[commit] = ws
	}
	w := ws[worker]
	if w == nil {
		var err error
		if w, err = c.ds.newWriter(commit+1, worker); err != nil {
			c.mu.Unlock()
			return err
		}
		w.shareFlush(c.workers)
		ws[worker] = w
	}
	c.mu.Unlock()
	// Only this worker writes to w, and only until the collector takes it.
	err := w.Write(b)
	b.Release()
	return err
}

// take removes and returns the writers of commit that got rows.
func (c *commitWriters) take(commit int) []*Writer {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*Writer
	for _, w := range c.open[commit] {
		if w != nil {
			out = append(out, w)
		}
	}
	delete(c.open, commit)
	return out
}

// abort removes the parts of every commit not taken.
func (c *commitWriters) abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for commit, ws := range c.open {
		for _, w := range ws {
			if w != nil {
				w.Abort()
			}
		}
		delete(c.open, commit)
	}
}
