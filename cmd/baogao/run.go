package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
	"github.com/baogao/baogao/output"
	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

type runFlags struct {
	out      string
	rulesDir string
	workers  int
	shard    string
	shards   int
	quiet    bool
	commitMB int
	cpuProf  string
}

func newRunCmd() *cobra.Command {
	var f runFlags
	c := &cobra.Command{
		Use:   "run [PATH...]",
		Short: "Process reports into a Parquet dataset",
		Long: `run reads every PATH — a file, a folder (recursively), a glob, or - for
standard input — and writes the documents, sentences, quantities, times,
entities and errors tables under the output folder. With no PATH it
processes the embedded sample report.

Running again on the same folder processes only new or changed inputs.
Inputs that fail become rows of the errors table; the run goes on and
exits with status 1.`,
		Example: `  baogao run
  baogao run reports/ -o out
  baogao run 'reports/2026-*.html' corpus.jsonl -o out --workers 2
  baogao run reports/ -o /shared/out --shard 3/8`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), args, f)
		},
	}
	c.Flags().StringVarP(&f.out, "out", "o", "baogao-out", "output dataset folder")
	c.Flags().StringVar(&f.rulesDir, "rules", "", "folder of rule files that add to and override the built-in rules")
	c.Flags().IntVarP(&f.workers, "workers", "w", 0, "documents processed at once (default: all cores)")
	c.Flags().StringVar(&f.shard, "shard", "", "process shard i/N of the inputs (N machines share one corpus and dataset)")
	c.Flags().IntVar(&f.shards, "shards", 0, "number of shards; the shard index comes from $JOB_COMPLETION_INDEX (0-based)")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print nothing but errors")
	c.Flags().IntVar(&f.commitMB, "commit-mb", 256, "commit the parts written so far after about this many MB of input, so a killed run keeps them")
	c.Flags().StringVar(&f.cpuProf, "cpuprofile", "", "write a CPU profile of the run to this file (for 'go tool pprof')")
	return c
}

// loadEngine opens the segmenter's dictionary while it loads the rule set,
// and builds the pipeline. It does not build the segmenter's full
// dictionary index: a run starts that first thing (segment.Preload), and
// other commands cut little text.
func loadEngine(rulesDir string) (*segment.Segmenter, *rules.Set, *extract.Pipeline, error) {
	var seg *segment.Segmenter
	var segErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		seg, segErr = segment.Default()
	}()
	set, err := rules.Load(rulesDir)
	if err != nil {
		wg.Wait()
		if errors.Is(err, rules.ErrInvalid) {
			return nil, nil, nil, usageError{fmt.Errorf("the rule set is broken; fix these and run 'baogao rules test':\n%w", err)}
		}
		return nil, nil, nil, err
	}
	pipe, err := extract.New(set)
	wg.Wait()
	if err == nil {
		err = segErr
	}
	return seg, set, pipe, err
}

// engineResult is what loadEngine returns.
type engineResult struct {
	seg  *segment.Segmenter
	set  *rules.Set
	pipe *extract.Pipeline
	err  error
}

func shardOf(f runFlags) (string, error) {
	if f.shards == 0 {
		return f.shard, nil
	}
	if f.shard != "" {
		return "", usageError{errors.New("give --shard i/N or --shards N, not both")}
	}
	idx := os.Getenv("JOB_COMPLETION_INDEX")
	i, err := strconv.Atoi(idx)
	if err != nil || i < 0 || i >= f.shards {
		return "", usageError{fmt.Errorf("--shards %d needs JOB_COMPLETION_INDEX between 0 and %d, got %q", f.shards, f.shards-1, idx)}
	}
	return fmt.Sprintf("%d/%d", i+1, f.shards), nil
}

func runRun(ctx context.Context, stdout, stderr io.Writer, args []string, f runFlags) error {
	shard, err := shardOf(f)
	if err != nil {
		return err
	}
	if f.commitMB < 1 {
		return usageError{errors.New("--commit-mb must be at least 1")}
	}
	if f.workers < 0 {
		return usageError{errors.New("--workers must be 0 (all cores) or more")}
	}
	if f.cpuProf != "" {
		stopProfile, err := startCPUProfile(f.cpuProf)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	// The full dictionary index (0.1 s of two cores) is built, and the
	// rules load, while inputs are found: a run's workers wait for all
	// three, which take a quarter of a second one after another.
	segment.Preload()
	engine := make(chan engineResult, 1)
	go func() {
		var e engineResult
		e.seg, e.set, e.pipe, e.err = loadEngine(f.rulesDir)
		engine <- e
	}()
	var inputs []corpus.Input
	var findErrs []error
	skipped := 0
	if len(args) > 0 {
		inputs, skipped, findErrs = corpus.Find(args)
		for _, e := range findErrs {
			fmt.Fprintln(stderr, "baogao:", e)
		}
		if len(inputs) == 0 {
			if len(findErrs) > 0 {
				return partialError{"no input could be read"}
			}
			return usageError{fmt.Errorf("no .txt, .html or .jsonl files in %s", strings.Join(args, " "))}
		}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The live heap of a run is about 100 MB whatever the corpus
		// size; a soft limit keeps a spike (a large document, a commit
		// of a large corpus) from doubling the process's footprint.
		debug.SetMemoryLimit(runMemoryLimit)
	}
	e := <-engine
	if e.err != nil {
		return e.err
	}
	seg, set, pipe := e.seg, e.set, e.pipe
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopRun := make(chan struct{})
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	go func() {
		// The first interrupt (or a scheduler's SIGTERM) lets the run
		// commit what it has begun; a second one ends it at once.
		select {
		case <-signals:
		case <-ctx.Done():
			return
		}
		fmt.Fprintln(stderr, "\nbaogao: stopping: finishing and committing the inputs begun; interrupt again to stop at once and lose the uncommitted work")
		close(stopRun)
		select {
		case <-signals:
			cancel()
		case <-ctx.Done():
		}
	}()

	prog := newProgress(stderr, f.quiet, inputs)
	job := output.Job{
		Stop:   stopRun,
		Inputs: inputs, Out: f.out, Workers: f.workers, Shard: shard,
		Segmenter: seg, Pipeline: pipe, RulesHash: set.Hash(), Version: version,
		CommitBytes: int64(f.commitMB) << 20,
		Progress:    prog.update,
		OnError: func(e *corpus.InputError) {
			prog.clear()
			fmt.Fprintln(stderr, "baogao:", e)
		},
	}
	output.Version = version
	sum, err := output.Run(ctx, job)
	prog.finish()
	stopped := errors.Is(err, output.ErrStopped)
	if err != nil && !stopped {
		return err
	}
	if !f.quiet {
		printSummary(stdout, sum, skipped)
	}
	if stopped {
		return fmt.Errorf("stopped with %d of %d input(s) not begun; all else is committed to %s: run the same command again to go on", sum.Left, sum.Inputs, sum.Out)
	}
	if sum.Errors > 0 || len(findErrs) > 0 {
		return partialError{fmt.Sprintf("%d input(s) or document(s) failed; see the errors table", sum.Errors+len(findErrs))}
	}
	return nil
}

// runMemoryLimit is the Go heap's soft limit during a run, unless
// GOMEMLIMIT sets another.
const runMemoryLimit = 224 << 20

// startCPUProfile profiles the process into path until the returned
// function is called.
func startCPUProfile(path string) (func(), error) {
	out, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		out.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		out.Close()
	}, nil
}

func printSummary(w io.Writer, s output.Summary, skipped int) {
	if s.Commits == 0 && s.Errors == 0 {
		fmt.Fprintf(w, "nothing to do: %d input(s) already in %s are unchanged\n", s.UpToDate, s.Out)
		return
	}
	fmt.Fprintf(w, "documents   %d\n", s.Documents)
	fmt.Fprintf(w, "sentences   %d\n", s.Sentences)
	fmt.Fprintf(w, "quantities  %d\n", s.Quantities)
	fmt.Fprintf(w, "times       %d\n", s.Times)
	fmt.Fprintf(w, "entities    %d\n", s.Entities)
	fmt.Fprintf(w, "errors      %d\n", s.Errors)
	if s.UpToDate > 0 {
		fmt.Fprintf(w, "unchanged   %d input(s) skipped\n", s.UpToDate)
	}
	if s.Replaced > 0 {
		fmt.Fprintf(w, "replaced    %d input(s) read again; their older rows stay in the tables until 'baogao compact'\n", s.Replaced)
	}
	if skipped > 0 {
		fmt.Fprintf(w, "ignored     %d file(s) of other types\n", skipped)
	}
	fmt.Fprintf(w, "seconds     %.2f\n", s.Elapsed.Seconds())
	fmt.Fprintf(w, "MB/s        %.2f\n", s.MBPerSecond())
	fmt.Fprintf(w, "output      %s\n", s.Out)
}

// progress shows a bar on a terminal, a plain line every few seconds
// otherwise, and nothing when quiet.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	plain bool
	last  time.Time
	done  int64
}

func newProgress(w io.Writer, quiet bool, inputs []corpus.Input) *progress {
	p := &progress{w: w}
	if quiet || len(inputs) == 0 {
		return p
	}
	var total int64
	for _, in := range inputs {
		total += max(in.Size, 0)
	}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		p.bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("reading"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		return p
	}
	p.plain = true
	p.last = time.Now()
	return p
}

func (p *progress) update(s output.Progress) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%d/%d files, %d docs, %.0f docs/s", s.Inputs, s.InputsTotal, s.Documents,
			float64(s.Documents)/max(s.Elapsed.Seconds(), 1e-9)))
		p.bar.Add64(s.Bytes - p.done)
		p.done = s.Bytes
		return
	}
	if p.plain && time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		fmt.Fprintf(p.w, "baogao: %d/%d files, %.1f/%.1f MB, %d docs, %.0f docs/s\n", s.Inputs, s.InputsTotal,
			float64(s.Bytes)/1e6, float64(s.BytesTotal)/1e6, s.Documents, float64(s.Documents)/max(s.Elapsed.Seconds(), 1e-9))
	}
}

func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
