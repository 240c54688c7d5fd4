package ddbtest

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// killLoad is the bookkeeping of the writers of TestKill9: what the server
// acknowledged, and what was in flight when it died.
type killLoad struct {
	mu        sync.Mutex
	acked     int
	puts      map[string]bool // acknowledged puts (key → true)
	putsOpen  map[string]bool // puts that got an error: outcome unknown
	incs      map[string]int  // acknowledged ADD c 1 per counter key
	incsOpen  map[string]int  // increments with an unknown outcome
	killAfter int
	kill      chan struct{}
}

func (l *killLoad) ack(put bool, key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if put {
		l.puts[key] = true
	} else {
		l.incs[key]++
	}
	l.acked++
	if l.acked == l.killAfter {
		close(l.kill)
	}
}

func (l *killLoad) open(put bool, key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if put {
		l.putsOpen[key] = true
	} else {
		l.incsOpen[key]++
	}
}

const (
	killWriters   = 8
	killPerWriter = 120
	killCounters  = 3
)

// TestKill9 writes from several clients to a real `jets server`, kills it
// with SIGKILL mid-load, restarts it on the same data directory and checks
// that every acknowledged write is there with exactly one stream record, in
// per-item order.
func TestKill9(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	p := StartJets(t, "--data-dir", dir)
	tg := NewTarget(p.URL)
	const table = "kill9"
	tg.CreateTable(t, WithStream(TableInput(table, "id", "S"), ddbtypes.StreamViewTypeNewAndOldImages))

	l := &killLoad{puts: map[string]bool{}, putsOpen: map[string]bool{}, incs: map[string]int{}, incsOpen: map[string]int{},
		killAfter: killWriters * killPerWriter / 3, kill: make(chan struct{})}
	killed, stop := make(chan struct{}), make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-l.kill:
			p.Kill()
			close(killed)
		case <-stop:
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < killWriters; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runKillWriter(NewTarget(p.URL), table, w, l)
		}()
	}
	wg.Wait()
	if l.acked < l.killAfter {
		t.Fatalf("the writers stopped after %d acknowledged writes, before the kill point %d", l.acked, l.killAfter)
	}
	<-killed
	t.Logf("killed after %d acknowledged writes; %d puts and %d increments in flight", l.acked, len(l.putsOpen), sumValues(l.incsOpen))

	p2 := StartJets(t, "--data-dir", dir)
	tg2 := NewTarget(p2.URL)
	present := checkKillItems(t, tg2, table, l)
	checkKillStream(t, tg2, table, l, present)
}

func runKillWriter(tg *Target, table string, w int, l *killLoad) {
	ctx := context.Background()
	for i := 0; i < killPerWriter; i++ {
		var err error
		put := i%2 == 0
		var key string
		if put {
			key = fmt.Sprintf("w%d-%d", w, i)
			_, err = tg.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]ddbtypes.AttributeValue{
				"id": &ddbtypes.AttributeValueMemberS{Value: key}, "v": &ddbtypes.AttributeValueMemberN{Value: strconv.Itoa(i)},
			}})
		} else {
			key = fmt.Sprintf("ctr-%d", (w+i)%killCounters)
			_, err = tg.DynamoDB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(table),
				Key:                       map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: key}},
				UpdateExpression:          aws.String("ADD c :one"),
				ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":one": &ddbtypes.AttributeValueMemberN{Value: "1"}},
			})
		}
		if err != nil {
			l.open(put, key) // the server died under it: outcome unknown
			return
		}
		l.ack(put, key)
	}
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// checkKillItems checks the items after the restart and returns the keys
// present with their counter value (1 for puts).
func checkKillItems(t *testing.T, tg *Target, table string, l *killLoad) map[string]int {
	t.Helper()
	ctx := context.Background()
	present := map[string]int{}
	getKey := func(key string) map[string]ddbtypes.AttributeValue {
		out, err := tg.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), ConsistentRead: aws.Bool(true),
			Key: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: key}}})
		NoError(t, err, "get "+key)
		return out.Item
	}
	for key := range l.puts {
		if getKey(key) == nil {
			t.Errorf("acknowledged put %s lost", key)
			continue
		}
		present[key] = 1
	}
	for key := range l.putsOpen {
		if getKey(key) != nil {
			present[key] = 1
		}
	}
	for i := 0; i < killCounters; i++ {
		key := fmt.Sprintf("ctr-%d", i)
		item := getKey(key)
		acked, open := l.incs[key], l.incsOpen[key]
		got := 0
		if item != nil {
			n, ok := item["c"].(*ddbtypes.AttributeValueMemberN)
			if !ok {
				t.Errorf("counter %s = %v, want a number", key, Plain(item))
				continue
			}
			got, _ = strconv.Atoi(n.Value)
		}
		if got < acked || got > acked+open {
			t.Errorf("counter %s = %d, want between %d acknowledged and %d with the in-flight increments", key, got, acked, acked+open)
		}
		if got > 0 {
			present[key] = got
		}
	}
	return present
}

// checkKillStream checks that the stream holds exactly one record per
// change that survived: one INSERT per present put, and INSERT c=1 then
// MODIFY c=2…n in order for a counter at n.
func checkKillStream(t *testing.T, tg *Target, table string, l *killLoad, present map[string]int) {
	t.Helper()
	recs, err := tg.ReadStream(context.Background(), tg.StreamArn(t, table))
	NoError(t, err, "read the stream after the restart")
	byKey := map[string][]types.Record{}
	for _, r := range recs {
		k := FromStream(r.Dynamodb.Keys)["id"]
		s, _ := k.(*ddbtypes.AttributeValueMemberS)
		if s == nil {
			t.Fatalf("record without an id key: %+v", r.Dynamodb.Keys)
		}
		byKey[s.Value] = append(byKey[s.Value], r)
	}
	ackedChanges := len(l.puts) + sumValues(l.incs)
	inFlight := len(l.putsOpen) + sumValues(l.incsOpen)
	if len(recs) < ackedChanges || len(recs) > ackedChanges+inFlight {
		t.Errorf("%d stream records, want %d (one per acknowledged write) plus at most %d in flight", len(recs), ackedChanges, inFlight)
	}
	for key, rs := range byKey {
		if _, ok := present[key]; !ok {
			t.Errorf("%d records for %s, which is not in the table", len(rs), key)
		}
	}
	for key, n := range present {
		rs := byKey[key]
		if len(rs) != n {
			t.Errorf("%s: %d records, want %d (its changes)", key, len(rs), n)
			continue
		}
		for i, r := range rs {
			wantEvent := "MODIFY"
			if i == 0 {
				wantEvent = "INSERT"
			}
			if string(r.EventName) != wantEvent {
				t.Errorf("%s record %d: %s, want %s", key, i, r.EventName, wantEvent)
			}
			if key[:3] == "ctr" {
				c, _ := FromStream(r.Dynamodb.NewImage)["c"].(*ddbtypes.AttributeValueMemberN)
				if c == nil || c.Value != strconv.Itoa(i+1) {
					t.Errorf("%s record %d: NewImage c = %v, want %d (per-item order)", key, i, c, i+1)
				}
			}
		}
	}
}
