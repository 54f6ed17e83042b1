package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/baogao/baogao/output"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "schema [TABLE]",
		Short:   "Show each table's columns, types and meaning",
		Example: "  baogao schema\n  baogao schema quantities",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return printSchema(cmd.OutOrStdout(), args)
		},
	}
}

func printSchema(w io.Writer, args []string) error {
	found := false
	for _, t := range output.Tables {
		if len(args) == 1 && args[0] != t.Name {
			continue
		}
		found = true
		fmt.Fprintf(w, "%s/*.parquet — %s\n", t.Name, t.Doc)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, c := range t.Columns {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, c.Type, c.Doc)
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	if !found {
		return usageError{fmt.Errorf("no table %q (tables: documents, sentences, quantities, times, entities, errors)", args[0])}
	}
	return nil
}
