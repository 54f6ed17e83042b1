package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/baogao/baogao/output"
)

func newCompactCmd() *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "compact",
		Short: "Merge a dataset's parts and drop the rows of changed inputs",
		Long: `compact rewrites each table of a dataset as a single part, without the
rows that older versions of changed inputs left behind (listed under
"superseded" in manifest.json). Run it when no other run writes to the
dataset, for example after all shards of a job have finished.`,
		Example: "  baogao compact -o baogao-out",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
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
