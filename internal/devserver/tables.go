package devserver

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/gojets/jets"
	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine"
	"github.com/gojets/jets/wire"
)

// createTables creates the tables defined in <app>/db/tables/*.json that do
// not exist yet, with their names namespaced as the app's config says.
func createTables(ctx context.Context, e *engine.Engine, appDir string, cfg jets.Config, out io.Writer) error {
	paths, err := filepath.Glob(filepath.Join(appDir, "db", "tables", "*.json"))
	if err != nil {
		return err
	}
	sort.Strings(paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read table definition: %w", err)
		}
		var in wire.CreateTableInput
		if err := json.Unmarshal(b, &in); err != nil {
			return fmt.Errorf("table definition %s: %w", p, err)
		}
		in.TableName = cfg.TableName(in.TableName)
		_, err = e.CreateTable(ctx, &in)
		switch {
		case ddb.IsCode(err, ddb.CodeResourceInUse):
			continue
		case err != nil:
			return fmt.Errorf("create table %s from %s: %w", in.TableName, filepath.Base(p), err)
		}
		fmt.Fprintf(out, "jets dev: created table %s (from db/tables/%s)\n", in.TableName, filepath.Base(p))
	}
	return nil
}
