import { Field, InputType } from 'type-graphql';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';

@InputType({ description: 'Which organisations the monitoring counts; every indicator counts only these (and, for the partner graph, only links among them).' })
export class MonitoringFilter {
  @Field(() => [OrganisationKind], { nullable: true, description: 'Only organisations of one of these kinds.' })
  kinds?: OrganisationKind[] | null;

  @Field(() => [GovernanceLevel], { nullable: true, description: 'Only organisations on one of these levels.' })
  levels?: GovernanceLevel[] | null;

  @Field(() => String, { nullable: true, description: 'Only organisations covering this field of action (code "I" … "V").' })
  fieldOfAction?: string | null;
}
