import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda';

/**
 * What Lambda's event source mapping hands the milestone function for records read with DynamoDB
 * Streams' GetRecords: the same images, the creation time as epoch seconds (the SDK gives a Date) and
 * the stream's ARN added. For driving the handler from a stream yourself: tests, `npm run local`.
 */
export function dynamoDbStreamEvent(records: readonly StreamsRecord[], streamArn: string, region = 'us-east-1'): DynamoDBStreamEvent {
  return {
    Records: records.map((r): DynamoDBRecord => {
      const d = r.dynamodb ?? {};
      const created = d.ApproximateCreationDateTime;
      // The SDK's AttributeValue and Lambda's are the same JSON; only their TypeScript unions differ.
      const images = d as unknown as Pick<StreamRecord, 'Keys' | 'NewImage' | 'OldImage'>;
      return {
        eventID: r.eventID,
        eventName: r.eventName,
        eventVersion: r.eventVersion ?? '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: r.awsRegion ?? region,
        eventSourceARN: streamArn,
        dynamodb: {
          ...(created === undefined ? {} : { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) }),
          Keys: images.Keys,
          NewImage: images.NewImage,
          OldImage: images.OldImage,
          SequenceNumber: d.SequenceNumber,
          SizeBytes: d.SizeBytes,
          StreamViewType: d.StreamViewType,
        },
      };
    }),
  };
}
