package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/gojets/jets/wire"
)

// StreamsClient is the part of *dynamodbstreams.Client that Source uses.
type StreamsClient interface {
	DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error)
	GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
	GetRecords(context.Context, *dynamodbstreams.GetRecordsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
}

// Source is a stream.Source over the DynamoDB Streams API.
type Source struct {
	Client StreamsClient
}

// DescribeStream describes a stream.
func (s Source) DescribeStream(ctx context.Context, in *wire.DescribeStreamInput) (*wire.DescribeStreamOutput, error) {
	req := &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(in.StreamArn), ExclusiveStartShardId: in.ExclusiveStartShardID}
	if in.Limit != nil {
		req.Limit = aws.Int32(int32(*in.Limit))
	}
	out, err := s.Client.DescribeStream(ctx, req)
	if err != nil {
		return nil, apiError(err)
	}
	d := out.StreamDescription
	desc := wire.StreamDescription{
		StreamArn: aws.ToString(d.StreamArn), StreamLabel: aws.ToString(d.StreamLabel),
		StreamStatus: string(d.StreamStatus), StreamViewType: string(d.StreamViewType),
		TableName: aws.ToString(d.TableName), LastEvaluatedShardID: aws.ToString(d.LastEvaluatedShardId),
		Shards: make([]wire.Shard, len(d.Shards)),
	}
	for _, k := range d.KeySchema {
		desc.KeySchema = append(desc.KeySchema, wire.KeySchemaElement{AttributeName: aws.ToString(k.AttributeName), KeyType: string(k.KeyType)})
	}
	for i, sh := range d.Shards {
		desc.Shards[i] = wire.Shard{ShardID: aws.ToString(sh.ShardId), ParentShardID: aws.ToString(sh.ParentShardId)}
		if r := sh.SequenceNumberRange; r != nil {
			desc.Shards[i].SequenceNumberRange = wire.SequenceNumberRange{
				StartingSequenceNumber: aws.ToString(r.StartingSequenceNumber), EndingSequenceNumber: aws.ToString(r.EndingSequenceNumber),
			}
		}
	}
	return &wire.DescribeStreamOutput{StreamDescription: desc}, nil
}

// GetShardIterator returns a shard iterator.
func (s Source) GetShardIterator(ctx context.Context, in *wire.GetShardIteratorInput) (*wire.GetShardIteratorOutput, error) {
	out, err := s.Client.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(in.StreamArn), ShardId: aws.String(in.ShardID),
		ShardIteratorType: stypes.ShardIteratorType(in.ShardIteratorType), SequenceNumber: in.SequenceNumber,
	})
	if err != nil {
		return nil, apiError(err)
	}
	return &wire.GetShardIteratorOutput{ShardIterator: aws.ToString(out.ShardIterator)}, nil
}

// GetRecords reads records.
func (s Source) GetRecords(ctx context.Context, in *wire.GetRecordsInput) (*wire.GetRecordsOutput, error) {
	req := &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(in.ShardIterator)}
	if in.Limit != nil {
		req.Limit = aws.Int32(int32(*in.Limit))
	}
	out, err := s.Client.GetRecords(ctx, req)
	if err != nil {
		return nil, apiError(err)
	}
	res := &wire.GetRecordsOutput{Records: make([]wire.Record, len(out.Records)), NextShardIterator: aws.ToString(out.NextShardIterator)}
	for i, r := range out.Records {
		res.Records[i] = record(r)
	}
	return res, nil
}

func record(r stypes.Record) wire.Record {
	w := wire.Record{
		EventID: aws.ToString(r.EventID), EventName: string(r.EventName), EventVersion: aws.ToString(r.EventVersion),
		EventSource: aws.ToString(r.EventSource), AWSRegion: aws.ToString(r.AwsRegion),
	}
	if d := r.Dynamodb; d != nil {
		w.Dynamodb = wire.StreamRecord{
			Keys: fromStreamsItem(d.Keys), NewImage: fromStreamsItem(d.NewImage), OldImage: fromStreamsItem(d.OldImage),
			SequenceNumber: aws.ToString(d.SequenceNumber), SizeBytes: aws.ToInt64(d.SizeBytes), StreamViewType: string(d.StreamViewType),
		}
		if d.ApproximateCreationDateTime != nil {
			w.Dynamodb.ApproximateCreationDateTime = d.ApproximateCreationDateTime.Unix()
		}
	}
	if u := r.UserIdentity; u != nil {
		w.UserIdentity = &wire.Identity{PrincipalID: aws.ToString(u.PrincipalId), Type: aws.ToString(u.Type)}
	}
	return w
}
