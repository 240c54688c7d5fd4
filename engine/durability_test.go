package engine

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/engine/internal/streamlog"
	"github.com/gojets/jets/wire"
)

func TestKeyPrefixesAvoidStreamLog(t *testing.T) {
	for _, p := range []byte{prefixMeta, prefixTable, prefixCounter, prefixItem, keyFormatVersion[0], keyNextTableID[0]} {
		if p == streamlog.KeyPrefix {
			t.Fatalf("engine prefix %q collides with the stream log's", p)
		}
	}
}

func TestDirectoryLock(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(Config{Dir: dir})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if want := "data directory " + dir + " is in use by another jets server"; err.Error() != want {
		t.Fatalf("message %q, want %q", err, want)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	e2, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	_ = e2.Close()
}

// TestDirectoryLockAcrossProcesses runs a second process that tries to open
// a directory this one holds.
func TestDirectoryLockAcrossProcesses(t *testing.T) {
	if os.Getenv("JETS_ENGINE_HELPER") == "lock" {
		_, err := Open(Config{Dir: os.Getenv("JETS_ENGINE_DIR")})
		fmt.Println("open:", err)
		os.Exit(0)
	}
	dir := t.TempDir()
	newDiskEngine(t, dir)
	cmd := exec.Command(os.Args[0], "-test.run=^TestDirectoryLockAcrossProcesses$")
	cmd.Env = append(os.Environ(), "JETS_ENGINE_HELPER=lock", "JETS_ENGINE_DIR="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v", err)
	}
	if want := "open: data directory " + dir + " is in use by another jets server"; !strings.Contains(string(out), want) {
		t.Fatalf("helper said %q, want %q", out, want)
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	d := mustCreate(t, e, withStream(rangeTable("keep"), "NEW_IMAGE"))
	mustCreate(t, e, hashTable("other"))
	for i := range 10 {
		mustPut(t, e, "keep", ddb.Item{"pk": ddb.S("p"), "sk": ddb.N(strconv.Itoa(i)), "v": ddb.S("x")})
	}
	if _, err := e.DeleteTable(ctx, &wire.DeleteTableInput{TableName: "other"}); err != nil {
		t.Fatal(err)
	}
	before := describe(t, e, "keep")
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.GetItem(ctx, &wire.GetItemInput{TableName: "keep", Key: ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("1")}}); !errors.Is(err, ErrClosed) {
		t.Fatalf("GetItem after Close: %v", err)
	}

	e = newDiskEngine(t, dir)
	after := describe(t, e, "keep")
	if after.ItemCount != 10 || after.TableSizeBytes != before.TableSizeBytes || after.TableID != before.TableID ||
		after.LatestStreamArn != d.LatestStreamArn || after.StreamSpecification == nil {
		t.Fatalf("after reopen %+v\nbefore %+v", after, before)
	}
	if it := mustGet(t, e, "keep", ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("7")}); it["v"].S != "x" {
		t.Fatalf("item %v", it)
	}
	if out, _ := e.ListTables(ctx, &wire.ListTablesInput{}); len(out.TableNames) != 1 {
		t.Fatalf("tables %v", out.TableNames)
	}
	if recs := readStream(t, e, d.LatestStreamArn); len(recs) != 10 {
		t.Fatalf("%d records after reopen", len(recs))
	}
	// New tables get fresh ids: "other" again must not see old items.
	mustCreate(t, e, hashTable("other"))
	mustPut(t, e, "keep", ddb.Item{"pk": ddb.S("p"), "sk": ddb.N("10")})
	if recs := readStream(t, e, d.LatestStreamArn); len(recs) != 11 {
		t.Fatalf("%d records after a write after reopen", len(recs))
	}
}

func TestFormatVersion(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.Set(keyFormatVersion, []byte(strconv.Itoa(formatVersion+1)), nil); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(Config{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "newer jets") {
		t.Fatalf("Open of a newer format: %v", err)
	}
	// The failed Open released the lock.
	_, err = Open(Config{Dir: dir})
	if errors.Is(err, ErrLocked) {
		t.Fatal("failed Open kept the directory locked")
	}
}

func TestConfigDefaults(t *testing.T) {
	if _, err := Open(Config{}); err == nil {
		t.Fatal("Open without Dir succeeded")
	}
}

// TestGroupCommitConcurrent writes from many goroutines to a stream-enabled
// table on disk: every write lands, counters add up, and every item's
// records are in the order of its writes.
func TestGroupCommitConcurrent(t *testing.T) {
	dir := t.TempDir()
	e := newDiskEngine(t, dir)
	d := mustCreate(t, e, withStream(hashTable("busy"), "NEW_IMAGE"))
	const writers, perWriter = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "busy", Item: ddb.Item{
					"id": ddb.S(fmt.Sprintf("w%d", w)), "n": ddb.N(strconv.Itoa(i)),
				}})
				if err != nil {
					errs <- err
					return
				}
				_, err = e.PutItem(ctx, &wire.PutItemInput{TableName: "busy", Item: ddb.Item{
					"id": ddb.S(fmt.Sprintf("w%d-%d", w, i)),
				}})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := describe(t, e, "busy").ItemCount; n != writers*(perWriter+1) {
		t.Fatalf("ItemCount %d", n)
	}
	// Group commit: concurrent writes share syncs.
	st := &e.sync.stats
	if st.writes.Load() != writers*perWriter*2 || st.rounds.Load()*3/2 > st.writes.Load() {
		t.Fatalf("group commit: %v", st)
	}
	t.Logf("group commit: %v", st)
	recs := readStream(t, e, d.LatestStreamArn)
	if len(recs) != writers*perWriter*2 {
		t.Fatalf("%d records, want %d", len(recs), writers*perWriter*2)
	}
	last := map[string]int{}
	for _, r := range recs {
		id := r.Dynamodb.Keys["id"].S
		if strings.Contains(id, "-") {
			continue
		}
		n, _ := strconv.Atoi(r.Dynamodb.NewImage["n"].N)
		if prev, ok := last[id]; ok && n != prev+1 {
			t.Fatalf("item %s: record n=%d after n=%d", id, n, prev)
		}
		last[id] = n
	}
}

// TestKillNine writes from a child process, kills it with SIGKILL while it
// writes, and checks that every write it acknowledged is there, each with
// exactly one stream record, in order.
func TestKillNine(t *testing.T) {
	if os.Getenv("JETS_ENGINE_HELPER") == "writer" {
		killNineWriter()
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillNine$")
	cmd.Env = append(os.Environ(), "JETS_ENGINE_HELPER=writer", "JETS_ENGINE_DIR="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[string]int{} // writer → last acknowledged n
	sc := bufio.NewScanner(stdout)
	total := 0
	deadline := time.Now().Add(20 * time.Second)
	for total < 600 && time.Now().Before(deadline) && sc.Scan() {
		var w string
		var n int
		if _, err := fmt.Sscanf(sc.Text(), "ack %s %d", &w, &n); err == nil {
			acked[w] = n
			total++
		}
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if total < 600 {
		t.Fatalf("child acknowledged only %d writes", total)
	}

	e := newDiskEngine(t, dir)
	d := describe(t, e, "crash")
	for w, n := range acked {
		it := mustGet(t, e, "crash", ddb.Item{"id": ddb.S(w)})
		got, _ := strconv.Atoi(it["n"].N)
		if it == nil || got < n {
			t.Fatalf("writer %s: acknowledged n=%d, found %v", w, n, it)
		}
	}
	seen := map[string]int{}
	for _, r := range readStream(t, e, d.LatestStreamArn) {
		w := r.Dynamodb.Keys["id"].S
		n, _ := strconv.Atoi(r.Dynamodb.NewImage["n"].N)
		if prev, ok := seen[w]; (ok && n != prev+1) || (!ok && n != 0) {
			t.Fatalf("writer %s: record n=%d after %d", w, n, prev)
		}
		seen[w] = n
	}
	for w, n := range acked {
		if seen[w] < n {
			t.Fatalf("writer %s: acknowledged n=%d, records end at %d", w, n, seen[w])
		}
	}
}

func killNineWriter() {
	e, err := Open(Config{Dir: os.Getenv("JETS_ENGINE_DIR")})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	if _, err := e.CreateTable(ctx, withStream(hashTable("crash"), "NEW_IMAGE")); err != nil {
		fmt.Println("create:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				id := fmt.Sprintf("w%d", w)
				_, err := e.PutItem(ctx, &wire.PutItemInput{TableName: "crash", Item: ddb.Item{"id": ddb.S(id), "n": ddb.N(strconv.Itoa(n))}})
				if err != nil {
					fmt.Println("put:", err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Printf("ack %s %d\n", id, n)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
