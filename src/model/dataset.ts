import type { ContactTable, CustomerTable, SurveyTable } from './table.js';

/** Everything read from the inputs, one table per record kind. */
export interface Dataset {
  contacts: ContactTable;
  surveys: SurveyTable;
  customers: CustomerTable;
}
