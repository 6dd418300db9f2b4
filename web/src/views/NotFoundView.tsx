import { Link } from '../app/router.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

export function NotFoundView() {
  return (
    <>
      <PageTitle title="Not found">Not found</PageTitle>
      <p>There is no such page here, or your role cannot use it.</p>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
