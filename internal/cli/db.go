package cli

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/spf13/cobra"

	"github.com/gojets/jets"
)

// dbOptions are jets db create's flags.
type dbOptions struct {
	endpoint string
	region   string
}

func newDBCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Manage the app's tables (jets db create)",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{errors.New("which db command? try: jets db create")}
		},
	}
	var opts dbOptions
	create := &cobra.Command{
		Use:   "create",
		Short: "Create the app's tables (db/tables/*.json) where they are missing",
		Long: "Create each table defined in db/tables/*.json (aws dynamodb create-table\n" +
			"--cli-input-json form), with the app's namespace (test-table → demo-dev-test-table),\n" +
			"unless it exists. The endpoint and region come from the AWS SDK's usual configuration\n" +
			"(AWS, unless --endpoint-url or AWS_ENDPOINT_URL names another, such as jets dev,\n" +
			"jets server or DynamoDB Local).",
		Example: "  jets db create --endpoint-url http://127.0.0.1:8000\n  JETS_ENV=prod jets db create --region us-west-2",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDBCreate(cmd.Context(), g.appDir, opts, cmd.OutOrStdout())
		},
	}
	create.Flags().StringVar(&opts.endpoint, "endpoint-url", "", "the DynamoDB endpoint (default: the SDK's, i.e. AWS or AWS_ENDPOINT_URL)")
	create.Flags().StringVar(&opts.region, "region", "", "the AWS region (default: AWS_REGION, jets.json's region, the AWS config's, us-east-1)")
	cmd.AddCommand(create)
	return cmd
}

// tableDef is one db/tables file.
type tableDef struct {
	file  string // relative to the app: db/tables/x.json
	input dynamodb.CreateTableInput
}

func runDBCreate(ctx context.Context, appDir string, opts dbOptions, out io.Writer) error {
	a, err := loadApp(appDir, os.Getenv)
	if err != nil {
		return err
	}
	defs, err := readTableDefs(appDir)
	if err != nil {
		return err
	}
	if len(defs) == 0 {
		fmt.Fprintln(out, "no tables to create: add db/tables/<name>.json (aws dynamodb create-table --cli-input-json form)")
		return nil
	}
	client, where, err := dynamoClient(ctx, a, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Creating the tables of db/tables on %s\n", where)
	var errs []error
	for _, d := range defs {
		errs = append(errs, createDBTable(ctx, client, a, d, out, where))
	}
	return errors.Join(errs...)
}

func createDBTable(ctx context.Context, client *dynamodb.Client, a app, d tableDef, out io.Writer, where string) error {
	in := d.input
	name := a.cfg.TableName(aws.ToString(in.TableName))
	in.TableName = aws.String(name)
	res, err := client.CreateTable(ctx, &in)
	var inUse *types.ResourceInUseException
	switch {
	case errors.As(err, &inUse):
		fmt.Fprintf(out, "  %s already exists (%s)\n", name, d.file)
		return nil
	case err != nil:
		fmt.Fprintf(out, "  %s NOT created (%s)\n", name, d.file)
		return dbError(name, where, err)
	}
	status := ""
	if res.TableDescription != nil && res.TableDescription.TableStatus != types.TableStatusActive {
		status = ", " + string(res.TableDescription.TableStatus)
	}
	fmt.Fprintf(out, "  %s created (%s%s)\n", name, d.file, status)
	return nil
}

// dbError explains a failed CreateTable, with what to do when nothing
// listens at the endpoint.
func dbError(table, where string, err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return fmt.Errorf("create table %s: nothing listens at %s: start jets dev (or jets server) first, "+
			"or fix --endpoint-url", table, where)
	}
	if strings.Contains(err.Error(), "get credentials") {
		return fmt.Errorf("create table %s on %s: no AWS credentials: configure them (aws configure, "+
			"AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): %w", table, where, err)
	}
	return fmt.Errorf("create table %s: %w", table, err)
}

// readTableDefs reads db/tables/*.json, sorted by file name.
func readTableDefs(appDir string) ([]tableDef, error) {
	paths, err := filepath.Glob(filepath.Join(appDir, "db", "tables", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var defs []tableDef
	for _, p := range paths {
		file := filepath.ToSlash(filepath.Join("db", "tables", filepath.Base(p)))
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read table definition: %w", err)
		}
		d := tableDef{file: file}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d.input); err != nil {
			return nil, fmt.Errorf("%s: %w (want aws dynamodb create-table --cli-input-json form)", file, err)
		}
		if aws.ToString(d.input.TableName) == "" {
			return nil, fmt.Errorf("%s: TableName is missing", file)
		}
		defs = append(defs, d)
	}
	return defs, nil
}

// dynamoClient makes a DynamoDB client from the SDK's usual configuration
// and the flags, and says where it points.
func dynamoClient(ctx context.Context, a app, opts dbOptions) (*dynamodb.Client, string, error) {
	raw, _ := jets.LoadConfig(a.dir)
	region := cmp.Or(opts.region, os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION"), raw.Region)
	var loadOpts []func(*config.LoadOptions) error
	if region != "" {
		loadOpts = append(loadOpts, config.WithRegion(region))
	}
	endpoint := cmp.Or(opts.endpoint, os.Getenv("AWS_ENDPOINT_URL_DYNAMODB"), os.Getenv("AWS_ENDPOINT_URL"))
	if isLoopback(endpoint) && os.Getenv("AWS_ACCESS_KEY_ID") == "" && os.Getenv("AWS_PROFILE") == "" {
		// A local engine takes any credentials; do not make the user set some.
		loadOpts = append(loadOpts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return nil, "", fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = a.cfg.Region
	}
	client := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		if opts.endpoint != "" {
			o.BaseEndpoint = aws.String(opts.endpoint)
		}
	})
	where := fmt.Sprintf("AWS DynamoDB in %s", cfg.Region)
	if endpoint != "" {
		where = fmt.Sprintf("%s (region %s)", endpoint, cfg.Region)
	}
	return client, where, nil
}

// isLoopback reports whether endpoint is a URL on this machine.
func isLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}
