// Command baogao turns Chinese report texts into Parquet datasets.
//
// It is a thin layer over the library: flags in, library calls, an exit
// code out — 0 on success, 1 when some inputs failed (the rest is still
// written), 2 on usage errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // some inputs failed, or the run could not finish
	exitUsage   = 2
	exitBadRule = 2 // a broken rule set is a usage error: fix the files
)

// usageError marks errors in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// partialError reports that the command did its work but some inputs or
// examples failed; it has been reported already.
type partialError struct{ msg string }

func (e partialError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	return runWith(args, os.Stdout, os.Stderr)
}

// runWith runs the command line args, writing to stdout and stderr, and
// returns the exit code.
func runWith(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var pe partialError
	if errors.As(err, &pe) {
		if pe.msg != "" {
			fmt.Fprintln(stderr, "baogao:", pe.msg)
		}
		return exitFailed
	}
	fmt.Fprintln(stderr, "baogao:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitFailed
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "baogao",
		Short: "Turn Chinese report texts into analysis-ready Parquet datasets",
		Long: `baogao reads Chinese reports (plain text in any common encoding, OCR'd
newspaper pages, HTML pages, JSONL corpora), repairs their layout, segments
them and extracts every figure, time and named entity into Parquet tables.`,
		Example:       "  baogao run                      # the embedded sample report into ./baogao-out\n  baogao run reports/ -o out      # a folder of reports",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(newRunCmd(), newCompactCmd(), newSchemaCmd(), newVersionCmd(), newRulesCmd(), newExplainCmd())
	return root
}

// isCobraUsage recognises cobra's own argument errors, which are not
// typed.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
