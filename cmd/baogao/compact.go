package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/baogao/baogao/output"
)

func newCompactCmd() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "compact [DATASET]",
		Short: "Merge a dataset's parts and drop the rows of changed inputs",
		Long: `compact rewrites each table of a dataset as a single part, without the
rows that older versions of changed inputs left behind (listed under
"superseded" in manifest.json). Run it when no other run writes to the
dataset, for example after all shards of a job have finished.`,
		Example: "  baogao compact out\n  baogao compact -o baogao-out",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if cmd.Flags().Changed("out") && out != args[0] {
					return usageError{fmt.Errorf("give the dataset as an argument or with -o, not both")}
				}
				out = args[0]
			}
			if _, err := os.Stat(filepath.Join(out, output.ManifestName)); err != nil {
				return usageError{fmt.Errorf("%s is not a baogao dataset (no %s)", out, output.ManifestName)}
			}
			sum, err := output.Compact(out, version)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "parts %d → %d, %d superseded rows dropped\n", sum.PartsBefore, sum.PartsAfter, sum.RowsDropped)
			return nil
		},
	}
	c.Flags().StringVarP(&out, "out", "o", "baogao-out", "dataset folder")
	return c
}
