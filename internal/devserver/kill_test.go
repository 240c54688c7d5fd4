package devserver_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gojets/jets/ddbtest"
	"github.com/gojets/jets/internal/codegen"
	"github.com/gojets/jets/internal/devserver"
	"github.com/gojets/jets/lambdart/logstore"
)

// childEnv makes the test binary run a dev server (the code of `jets dev`)
// for the app directory it names, printing to stdout.
const childEnv = "JETS_DEVSERVER_CHILD_APP"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := devserver.Run(ctx, devserver.Config{AppDir: dir, Port: 0, Out: os.Stdout,
			Getenv: func(string) string { return "" }})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// countingJob prints "got <id>" for every record.
const countingJob = `package jobs

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gojets/jets"
)

type ClerkJob struct{}

func init() {
	jets.NewJob("ClerkJob").Method("file", ClerkJob{}.File, jets.DynamoDBEvent("test-table"))
}

func (ClerkJob) File(ctx context.Context, event events.DynamoDBEvent) error {
	for _, r := range event.Records {
		fmt.Printf("got %s\n", r.Change.Keys["id"].String())
	}
	return nil
}
`

// devProcess is a dev server child process.
type devProcess struct {
	cmd      *exec.Cmd
	endpoint string
	lines    chan string
}

func startDev(t *testing.T, app string) *devProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+app)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &devProcess{cmd: cmd, lines: make(chan string, 1000)}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
		close(p.lines)
	}()
	p.endpoint = p.waitLine(t, "DynamoDB + DynamoDB Streams on ")
	p.endpoint = strings.Fields(strings.SplitN(p.endpoint, " on ", 2)[1])[0]
	return p
}

// waitLine returns the first line containing s.
func (p *devProcess) waitLine(t *testing.T, s string) string {
	t.Helper()
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("jets dev exited before printing %q", s)
			}
			if strings.Contains(l, s) {
				return l
			}
		case <-deadline:
			t.Fatalf("jets dev never printed %q", s)
		}
	}
}

// Kill -9 of jets dev in the middle of 10,000 writes, then a restart on the
// same data: every acknowledged write reaches the function at least once,
// and only the batch in flight at the kill is delivered twice.
func TestKill9DevServerMidStream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an app and runs 10,000 writes")
	}
	const total, killAt, batch = 10000, 3000, 100
	app := filepath.Join(t.TempDir(), "demo")
	if _, err := codegen.NewApp(app, "demo", codegen.AppOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(app, "app", "jobs", "clerk_job.go"), []byte(countingJob), 0o644); err != nil {
		t.Fatal(err)
	}
	dev := startDev(t, app)
	dev.waitLine(t, "started 1 function")
	ctx := context.Background()
	db := ddbtest.NewTarget(dev.endpoint).DynamoDB
	if _, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("demo-dev-test-table"),
		StreamSpecification: &dtypes.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: dtypes.StreamViewTypeNewAndOldImages}}); err != nil {
		t.Fatal(err)
	}
	dev.waitLine(t, "← stream of demo-dev-test-table")

	var next atomic.Int64
	var mu sync.Mutex
	acked := map[string]bool{}
	write := func(db *dynamodb.Client, stopAt int64) {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1) - 1
					if i >= stopAt {
						return
					}
					id := fmt.Sprintf("id-%05d", i)
					_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("demo-dev-test-table"),
						Item: map[string]dtypes.AttributeValue{"id": &dtypes.AttributeValueMemberS{Value: id}}})
					if err != nil {
						return // the server is gone; this write was not acknowledged
					}
					mu.Lock()
					acked[id] = true
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
	}
	done := make(chan struct{})
	go func() { write(db, total); close(done) }()
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= killAt {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := dev.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	dev.cmd.Wait()
	<-done
	t.Logf("killed jets dev after %d acknowledged writes", len(acked))

	dev = startDev(t, app)
	dev.waitLine(t, "← stream of demo-dev-test-table")
	next.Store(max(next.Load(), int64(len(acked))))
	write(ddbtest.NewTarget(dev.endpoint).DynamoDB, total)

	logPath := logstore.Path(devserver.LogDir(filepath.Join(app, ".jets")), "demo-dev-clerk_job-file")
	var seen map[string]int
	deadline := time.Now().Add(2 * time.Minute)
	for {
		seen = map[string]int{}
		evs, _ := logstore.Read(logPath, logstore.Query{})
		for _, e := range evs {
			if id, ok := strings.CutPrefix(e.Message, "got "); ok {
				seen[id]++
			}
		}
		missing := 0
		for id := range acked {
			if seen[id] == 0 {
				missing++
			}
		}
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d acknowledged writes never reached the function", missing, len(acked))
		}
		time.Sleep(50 * time.Millisecond)
	}
	dups := 0
	for _, n := range seen {
		if n > 1 {
			dups += n - 1
		}
	}
	t.Logf("%d acknowledged writes, all delivered; %d duplicate deliveries", len(acked), dups)
	if dups > batch {
		t.Errorf("%d duplicate deliveries; only the batch in flight at the kill (≤ %d records) may repeat", dups, batch)
	}
}
