/**
 * The Medplum provider app's Messages page (ThreadInbox from @medplum/react 5), running on
 * MockClient from @medplum/mock with no server: a test target for the EHR adapter.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@medplum/react/styles.css';
import { Anchor, AppShell, Group, MantineProvider, Table, Text, Title } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { formatHumanName, formatSearchQuery, Operator, parseSearchRequest, type SearchRequest } from '@medplum/core';
import type { Communication, Patient } from '@medplum/fhirtypes';
import type { MockClient } from '@medplum/mock';
import { MedplumProvider, PatientSummary, ThreadInbox, useMedplum } from '@medplum/react';
import { useCallback, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import seedJson from '../threads.json';
import { createHarnessClient } from './client';
import { buildSeedResources, dateShift, type HarnessSeed } from './seed';

/** Set by server.ts in index.html: `{ shiftDates: false }` keeps the dates of threads.json as they are. */
const config = (window as unknown as { __MEDPLUM_HARNESS__?: { shiftDates?: boolean } }).__MEDPLUM_HARNESS__ ?? {};
const seed = seedJson as HarnessSeed;
const medplum = await createHarnessClient(buildSeedResources(seed, config.shiftDates === false ? 0 : dateShift(seed)));
// For tests and debugging in the browser console.
(window as unknown as { medplumHarness: { medplum: MockClient } }).medplumHarness = { medplum };

const HEADER = 52;

function Providers({ children }: { children: ReactNode }): JSX.Element {
  const routerNavigate = useNavigate();
  // Medplum's links navigate in-app (a full page load would lose the in-memory store).
  const navigate = useCallback((path: string) => void routerNavigate(path), [routerNavigate]);
  return (
    <MedplumProvider medplum={medplum} navigate={navigate}>
      {children}
    </MedplumProvider>
  );
}

function Shell({ children }: { children: ReactNode }): JSX.Element {
  return (
    <AppShell header={{ height: HEADER }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" gap="lg">
          <Text fw={800}>Medplum</Text>
          <Anchor component={Link} to="/Communication">
            Messages
          </Anchor>
          <Anchor component={Link} to="/Patient">
            Patients
          </Anchor>
        </Group>
      </AppShell.Header>
      <AppShell.Main h="100vh">{children}</AppShell.Main>
    </AppShell>
  );
}

/** The inbox query: the URL's search plus the provider app's defaults (in-progress threads, newest activity first). */
function withDefaults(search: SearchRequest): SearchRequest {
  const filters = search.filters ?? [];
  return {
    ...search,
    filters: filters.some((f) => f.code === 'status') ? filters : [...filters, { code: 'status', operator: Operator.EQUALS, value: 'in-progress' }],
    sortRules: search.sortRules?.length ? search.sortRules : [{ code: '_lastUpdated', descending: true }],
    count: search.count ?? 50,
  };
}

function MessagesPage(): JSX.Element {
  const { messageId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const search = useMemo(() => withDefaults(parseSearchRequest(`Communication${location.search}`)), [location.search]);
  const withStatus = (status: string): string =>
    `/Communication${formatSearchQuery({
      ...search,
      offset: 0,
      filters: [...(search.filters ?? []).filter((f) => f.code !== 'status'), { code: 'status', operator: Operator.EQUALS, value: status }],
    })}`;
  const getThreadUri = (topic: Communication): string => `/Communication/${topic.id}${formatSearchQuery(search)}`;
  return (
    <div style={{ height: `calc(100vh - ${HEADER}px)` }}>
      <ThreadInbox
        threadId={messageId}
        query={formatSearchQuery(search).substring(1)}
        showPatientSummary={true}
        onNew={(message) => void navigate(getThreadUri(message))}
        getThreadUri={getThreadUri}
        onChange={(s) => void navigate(`/Communication${formatSearchQuery(s)}`)}
        inProgressUri={withStatus('in-progress')}
        completedUri={withStatus('completed')}
      />
    </div>
  );
}

/** A page of the same app that is not the inbox (the adapter must leave it alone). */
function PatientsPage(): JSX.Element {
  const client = useMedplum();
  const [patients, setPatients] = useState<Patient[]>([]);
  useEffect(() => {
    client.searchResources('Patient', '_count=100&_sort=family').then(setPatients).catch(console.error);
  }, [client]);
  return (
    <div style={{ padding: 16 }}>
      <Title order={2} mb="md">
        Patients
      </Title>
      <Table striped data-testid="patient-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Birth date</Table.Th>
            <Table.Th>Sex</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/Patient/${p.id}`}>
                  {formatHumanName(p.name?.[0])}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.birthDate}</Table.Td>
              <Table.Td>{p.gender}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function PatientPage(): JSX.Element {
  const { id } = useParams();
  return (
    <div style={{ width: 360, padding: 8 }}>
      <PatientSummary key={id} patient={{ reference: `Patient/${id}` }} />
    </div>
  );
}

function App(): JSX.Element {
  return (
    <BrowserRouter>
      <MantineProvider>
        <Notifications position="bottom-right" />
        <Providers>
          <Shell>
            <Routes>
              <Route path="/" element={<Navigate to="/Communication" replace />} />
              <Route path="/Communication" element={<MessagesPage />} />
              <Route path="/Communication/:messageId" element={<MessagesPage />} />
              <Route path="/Patient" element={<PatientsPage />} />
              <Route path="/Patient/:id" element={<PatientPage />} />
              <Route path="*" element={<Text p="md">Page not found</Text>} />
            </Routes>
          </Shell>
        </Providers>
      </MantineProvider>
    </BrowserRouter>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
