package stream

import (
	"context"
	"fmt"

	"github.com/gojets/jets/ddb"
	"github.com/gojets/jets/wire"
)

// TableAPI is the part of the DynamoDB API that TableCheckpoints uses.
// *engine.Engine implements it; so does the SDK adapter.
type TableAPI interface {
	CreateTable(ctx context.Context, in *wire.CreateTableInput) (*wire.CreateTableOutput, error)
	GetItem(ctx context.Context, in *wire.GetItemInput) (*wire.GetItemOutput, error)
	PutItem(ctx context.Context, in *wire.PutItemInput) (*wire.PutItemOutput, error)
}

// TableCheckpoints keeps checkpoints in a DynamoDB table: one item per
// mapping and shard (hash key "mapping", range key "shard"). Writes are
// conditional, so a checkpoint never moves backwards even when two workers
// race.
type TableCheckpoints struct {
	API   TableAPI
	Table string
}

// EnsureTable creates the checkpoint table if it does not exist.
func (s *TableCheckpoints) EnsureTable(ctx context.Context) error {
	_, err := s.API.CreateTable(ctx, &wire.CreateTableInput{
		TableName: s.Table,
		AttributeDefinitions: []wire.AttributeDefinition{
			{AttributeName: "mapping", AttributeType: "S"}, {AttributeName: "shard", AttributeType: "S"},
		},
		KeySchema: []wire.KeySchemaElement{
			{AttributeName: "mapping", KeyType: "HASH"}, {AttributeName: "shard", KeyType: "RANGE"},
		},
		BillingMode: "PAY_PER_REQUEST",
	})
	if err != nil && !ddb.IsCode(err, ddb.CodeResourceInUse) {
		return fmt.Errorf("create checkpoint table %s: %w", s.Table, err)
	}
	return nil
}

// Get returns the checkpoint of a mapping's shard.
func (s *TableCheckpoints) Get(ctx context.Context, mapping, shardID string) (Checkpoint, bool, error) {
	consistent := true
	out, err := s.API.GetItem(ctx, &wire.GetItemInput{
		TableName: s.Table, Key: checkpointKey(mapping, shardID), ConsistentRead: &consistent,
	})
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("get checkpoint %s %s: %w", mapping, shardID, err)
	}
	if out.Item == nil {
		return Checkpoint{}, false, nil
	}
	return Checkpoint{SequenceNumber: out.Item["seq"].S, Done: out.Item["done"].Bool}, true, nil
}

// Put stores the checkpoint unless the stored one is further along.
func (s *TableCheckpoints) Put(ctx context.Context, mapping, shardID string, cp Checkpoint) error {
	item := checkpointKey(mapping, shardID)
	item["seq"] = ddb.S(cp.SequenceNumber)
	item["order"] = ddb.S(seqOrder(cp.SequenceNumber, cp.Done))
	item["done"] = ddb.Bool(cp.Done)
	cond := "attribute_not_exists(#o) OR #o <= :o"
	_, err := s.API.PutItem(ctx, &wire.PutItemInput{
		TableName: s.Table, Item: item, ConditionExpression: &cond,
		Expressions: wire.Expressions{
			ExpressionAttributeNames:  map[string]string{"#o": "order"},
			ExpressionAttributeValues: map[string]ddb.Value{":o": item["order"]},
		},
	})
	if ddb.IsCode(err, ddb.CodeConditionalCheckFailed) {
		return nil // another writer is further along
	}
	if err != nil {
		return fmt.Errorf("put checkpoint %s %s: %w", mapping, shardID, err)
	}
	return nil
}

func checkpointKey(mapping, shardID string) ddb.Item {
	return ddb.Item{"mapping": ddb.S(mapping), "shard": ddb.S(shardID)}
}

// seqOrder makes sequence numbers of any length compare as strings in
// numeric order; a finished shard sorts after all of its records.
func seqOrder(seq string, done bool) string {
	o := fmt.Sprintf("%02d%s", len(seq), seq)
	if done {
		o += "~"
	}
	return o
}
