/**
 * The event Connect sends a function from an InvokeLambdaFunction block (reference §1.2), built in this one
 * place for the simulator, the test factories and the benchmarks.
 */
import { INSTANCE_ARN } from '#simulator/model.ts';

export interface ContactFlowEventFields {
  contactId: string;
  /**
   * The caller's number, as CustomerEndpoint.Address; null: a withheld number (CustomerEndpoint is null);
   * undefined: no CustomerEndpoint at all, as a malformed event might have it.
   */
  from: string | null | undefined;
  /** The number dialled, as SystemEndpoint.Address. */
  to: string;
  /** The block's function input parameters. */
  parameters?: Record<string, string>;
  /** The contact attributes set so far. */
  attributes?: Record<string, string>;
  /** The contact's language; Connect's default, en-US, unless a flow set one. */
  languageCode?: string;
  /** The working queue, when a flow has set one. */
  queue?: { name: string; arn: string };
}

export function contactFlowEvent(fields: ContactFlowEventFields) {
  const { contactId, from, queue } = fields;
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: { ...fields.attributes },
        Channel: 'VOICE',
        ContactId: contactId,
        ...(from === undefined
          ? {}
          : { CustomerEndpoint: from === null ? null : { Address: from, Type: 'TELEPHONE_NUMBER' } }),
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: INSTANCE_ARN,
        LanguageCode: fields.languageCode ?? 'en-US',
        MediaStreams: { Customer: { Audio: null } },
        PreviousContactId: contactId,
        Queue: queue ? { ARN: queue.arn, Name: queue.name } : null,
        SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Telephony' } },
        SystemEndpoint: { Address: fields.to, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: { ...fields.parameters },
    },
  };
}
