import { textArray } from './upload-inbox';

describe(textArray.name, () => {
  it('writes plain words as they are, quotes the rest, and keeps nulls apart from the word NULL', () => {
    expect(textArray(['background/location', 'America/Denver', 'sensor-data'])).toBe(
      '{background/location,America/Denver,sensor-data}',
    );
    expect(textArray([null, 'null', 'a b', 'say "hi"', 'back\\slash', '', '{,}'])).toBe(
      '{NULL,"null","a b","say \\"hi\\"","back\\\\slash","","{,}"}',
    );
  });
});
