import { targetStartOf } from '../../domain/target-start';

/** What the start activity computes from a pasted line: the case's history carries the line alone. */
describe('targetStartOf', () => {
  it('starts a pasted shop link as a domain seizure that captures that page, without its credentials', () => {
    expect(targetStartOf('  https://user:pw@Shop.Fake-Watches.com/deals#x ')).toEqual({
      workflowId: 'domain:fake-watches.com',
      workflowType: 'domainSeizureWorkflow',
      own: { target: expect.objectContaining({ kind: 'domain', domain: 'fake-watches.com' }), evidenceUrls: ['https://shop.fake-watches.com/deals'] },
    });
  });

  it('captures the home page when the line is a bare domain', () => {
    expect(targetStartOf('fake-watches.com')?.own.evidenceUrls).toEqual(['https://fake-watches.com/']);
  });

  it('starts a profile link as a profile takedown keeping the link and the users\' region', () => {
    const start = targetStartOf('https://www.instagram.com/fake.watches.outlet/', 'EEA');
    expect(start).toMatchObject({ workflowId: 'profile:instagram:fake.watches.outlet', workflowType: 'profileTakedownWorkflow', own: { pastedUrl: 'https://www.instagram.com/fake.watches.outlet/', userRegion: 'EEA' } });
  });

  it('starts nothing for a line that is not a target or is hosted on a platform', () => {
    expect(targetStartOf('not a domain at all')).toBeUndefined();
    expect(targetStartOf('fake-shop.blogspot.com')).toBeUndefined();
  });
});
