import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125082336_core_graph } from './Migration20261125082336_core_graph';
import { Migration20261125084654_partner_self_service } from './Migration20261125084654_partner_self_service';
import { Migration20261125090511_data_version } from './Migration20261125090511_data_version';
import { Migration20261125094151_organisation_sort_index } from './Migration20261125094151_organisation_sort_index';
import { Migration20261130063338_browser_sessions } from './Migration20261130063338_browser_sessions';
import { Migration20261130103958_dated_links } from './Migration20261130103958_dated_links';
import { Migration20261130104125_social_areas } from './Migration20261130104125_social_areas';
import { Migration20261130170000_change_feed } from './Migration20261130170000_change_feed';
import { Migration20261130191337_webhooks } from './Migration20261130191337_webhooks';
import { Migration20261130201703_webhook_retention } from './Migration20261130201703_webhook_retention';
import { Migration20261130231000_webhook_failed_retention } from './Migration20261130231000_webhook_failed_retention';

/**
 * The migrations in the order they run. `npm run migration:create` writes a new file;
 * add it here. The drift test fails when entities and these migrations disagree.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125082336_core_graph', class: Migration20261125082336_core_graph },
  { name: 'Migration20261125084654_partner_self_service', class: Migration20261125084654_partner_self_service },
  { name: 'Migration20261125090511_data_version', class: Migration20261125090511_data_version },
  { name: 'Migration20261125094151_organisation_sort_index', class: Migration20261125094151_organisation_sort_index },
  { name: 'Migration20261130063338_browser_sessions', class: Migration20261130063338_browser_sessions },
  { name: 'Migration20261130103958_dated_links', class: Migration20261130103958_dated_links },
  { name: 'Migration20261130104125_social_areas', class: Migration20261130104125_social_areas },
  { name: 'Migration20261130170000_change_feed', class: Migration20261130170000_change_feed },
  { name: 'Migration20261130191337_webhooks', class: Migration20261130191337_webhooks },
  { name: 'Migration20261130201703_webhook_retention', class: Migration20261130201703_webhook_retention },
  { name: 'Migration20261130231000_webhook_failed_retention', class: Migration20261130231000_webhook_failed_retention },
];
