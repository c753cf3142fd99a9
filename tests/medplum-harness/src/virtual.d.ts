declare module 'virtual:medplum-search-parameters' {
  import type { SearchParameter } from '@medplum/fhirtypes';
  const params: SearchParameter[];
  export default params;
}
