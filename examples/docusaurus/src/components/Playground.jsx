// The site's playground: the published React wrapper, pointed at the widget this site serves.
import React from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';
import CloneSetPlayground from '@site/static/cloneset-playground/react/CloneSetPlayground.jsx';

export default function Playground(props) {
  return <CloneSetPlayground moduleUrl={useBaseUrl('/cloneset-playground/cloneset-playground.js')} {...props} />;
}
